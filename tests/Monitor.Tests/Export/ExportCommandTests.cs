using System.Net;
using System.Net.Sockets;
using Monitor.Tests.Cli;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Export;

/// <summary>`monitor export` and the export options of run, as a user runs them: bad input is one line and exit 2, a
/// taken port one line and exit 1, and a real export scraped while it watches real .NET processes.</summary>
public sealed class ExportCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("export needs what to watch", "export", "--prometheus")]
    [InlineData("export needs where to", "export", "--all")]
    [InlineData("not an IPv4 address", "export", "--all", "--prometheus", "1.2.3:9464")]
    [InlineData("the port must be 1..65535", "export", "--all", "--prometheus", "127.0.0.1:99999")]
    [InlineData("give the collector's URL", "export", "--all", "--otlp", "collector:4317")]
    [InlineData("pid must be", "export", "--pid", "-5", "--prometheus")]
    [InlineData("--name must not be empty", "export", "--name", " ", "--prometheus")]
    [InlineData("IPv6 addresses are not supported", "run", "--prometheus", "[::1]:9464")]
    [InlineData("export needs --diagnostics full or os", "run", "--diagnostics", "none", "--prometheus")]
    public async Task Bad_input_is_one_line_and_exit_2(string message, params string[] args)
    {
        var run = await MonitorProgram.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.StderrLines));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_pid_that_is_not_running_is_refused_before_anything_listens()
    {
        int port = LoopbackPort.Free();
        var run = await MonitorProgram.RunAsync("export", "--pid", "999999999", "--prometheus", $"127.0.0.1:{port}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no process with pid 999999999", Assert.Single(run.StderrLines, l => !l.Contains("serving metrics")));
    }

    [Theory]
    [InlineData("export", "--all")]
    [InlineData("run", "--mode", "single", "--n", "1e6")]
    public async Task A_port_in_use_is_one_line_and_exit_1_before_any_process_is_watched(params string[] args)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var run = await MonitorProgram.RunAsync([.. args, "--prometheus", $"127.0.0.1:{port}"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot serve Prometheus metrics on 127.0.0.1:{port}", Assert.Single(run.StderrLines));
        Assert.Empty(run.LeftoverWorkers);
    }

    [Fact]
    public async Task Export_of_a_pid_gives_its_cpu_as_the_os_counts_it_and_ends_its_series_when_it_exits()
    {
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        double cpuBefore = Scrapes.ProcCpuSeconds(target.Pid);
        int port = LoopbackPort.Free();
        using var export = BackgroundMonitor.Start("export", "--pid", target.Pid.ToString(), "--prometheus", $"127.0.0.1:{port}", "--interval", "200");
        var url = new Uri($"http://127.0.0.1:{port}/metrics");
        string pid = target.Pid.ToString();

        var scrape = await Scrapes.UntilAsync(url, s => s.Named("monitor_thread_cpu_time_seconds_total").Any(t => t.Labels["process_pid"] == pid && t.Labels["thread_name"] == "sum-worker-0" && t.Value > 0.1),
            "the target's worker thread busy", Bound, export.ToString);
        double cpuAfter = Scrapes.ProcCpuSeconds(target.Pid);

        // CPU since watching began: more than nothing, less than what the OS counted from before the export started
        // to after the scrape (one 10 ms tick of slack per mode).
        var modes = scrape.Named("process_cpu_time_seconds_total").Where(s => s.Labels["process_pid"] == pid).ToDictionary(s => s.Labels["cpu_mode"], s => s.Value);
        Assert.Equal(["system", "user"], modes.Keys.Order());
        double exported = modes.Values.Sum();
        Assert.InRange(exported, 0.1, cpuAfter - cpuBefore + 0.02);
        // The threads' CPU by name adds up to no more than the process's (on-CPU time from schedstat, ticks for the
        // process: one tick of slack per thread).
        var threads = scrape.Named("monitor_thread_cpu_time_seconds_total").Where(s => s.Labels["process_pid"] == pid).ToArray();
        Assert.InRange(threads.Sum(t => t.Value), 0.1, exported + 0.01 * threads.Length + 0.02);
        Assert.Equal("monitor", Assert.Single(scrape.Named("process_memory_usage_bytes"), s => s.Labels["process_pid"] == pid).Labels["process_executable_name"]);
        // Monitor's own cost is there too, as a process of role monitor.
        Assert.Contains(scrape.Named("process_memory_usage_bytes"), s => s.Labels["monitor_process_role"] == "monitor" && s.Labels["process_pid"] == export.Pid.ToString());

        // The runtime's own counters of an attached process arrive once per interval.
        var pool = await Scrapes.UntilAsync(url, s => s.Named("dotnet_thread_pool_thread_count").Any(t => t.Labels["process_pid"] == pid),
            "the target's thread pool", Bound, export.ToString);
        Assert.InRange(Assert.Single(pool.Named("dotnet_thread_pool_thread_count"), t => t.Labels["process_pid"] == pid).Value, 0, 1000);

        target.Process.Kill();
        Assert.Equal(0, await export.WaitForExitAsync(Bound));
        Assert.Contains(export.StderrLines, l => l.Contains($"process {pid} has exited"));
    }

    [Fact]
    public async Task Export_by_name_follows_processes_as_they_come_and_go()
    {
        // A program of a name no other process has: a link to Monitor's.
        string name = "exp-" + Guid.NewGuid().ToString("N")[..8];
        string directory = Directory.CreateTempSubdirectory("monitor-export-test-").FullName;
        try
        {
            string program = Path.Combine(directory, name);
            File.CreateSymbolicLink(program, MonitorProgram.Path);
            int port = LoopbackPort.Free();
            using var export = BackgroundMonitor.Start("export", "--name", name, "--prometheus", $"127.0.0.1:{port}", "--interval", "200");
            var url = new Uri($"http://127.0.0.1:{port}/metrics");
            await Scrapes.UntilAsync(url, s => s.Named("process_memory_usage_bytes").Any(p => p.Labels["monitor_process_role"] == "monitor"), "Monitor's own process", Bound, export.ToString);

            using (var target = BusyDotnetTarget.Start(program))
            {
                string pid = target.Pid.ToString();
                var seen = await Scrapes.UntilAsync(url, s => s.Named("process_cpu_time_seconds_total").Any(p => p.Labels["process_pid"] == pid), $"process {pid}", Bound, export.ToString);
                Assert.Equal(name, seen.Named("process_cpu_time_seconds_total").First(p => p.Labels["process_pid"] == pid).Labels["process_executable_name"]);
                Assert.DoesNotContain(seen.Named("process_cpu_time_seconds_total"), p => p.Labels["monitor_process_role"] == "external" && p.Labels["process_pid"] != pid);
                target.Process.Kill();
                await Scrapes.UntilAsync(url, s => !s.Samples.Any(p => p.Labels.GetValueOrDefault("process_pid") == pid), $"no series of {pid}", Bound, export.ToString);
            }
            export.Signal(PosixSignals.SIGTERM);
            Assert.Equal(0, await export.WaitForExitAsync(Bound));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
