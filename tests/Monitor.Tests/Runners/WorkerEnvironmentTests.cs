using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Runners;

/// <summary>Workers are the monitor program again: what Monitor's own process was given or tuned with must not
/// reach them.</summary>
public sealed class WorkerEnvironmentTests
{
    [LinuxTheory]
    [InlineData("none")]
    [InlineData("full")]
    public async Task A_worker_gets_the_runtime_defaults_and_not_the_diagnostic_port_Monitor_was_started_with(string diagnostics)
    {
        // What `dotnet-trace collect -- monitor ...` gives Monitor (its port, here one nobody listens on, without
        // suspending Monitor itself, which would wait for that tool to resume it).
        string foreignPort = Path.Combine(Path.GetTempPath(), $"monitor-test-no-such-tool-{Guid.NewGuid():N}.sock");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_DiagnosticPorts"] = foreignPort + ",nosuspend",
            ["DOTNET_TieredPGO"] = null,
            ["DOTNET_TieredCompilation"] = null,
        };
        using var monitor = BackgroundMonitor.Start(
            ["run", "--mode", "threads", "--workers", "2", "--n", "1e13", "--diagnostics", diagnostics, "--json"], environment);
        int worker = await SumWorkerOf(monitor);

        var variables = WorkerVariables(worker);
        Assert.Equal("1", variables.GetValueOrDefault("DOTNET_TieredPGO"));
        Assert.Equal("1", variables.GetValueOrDefault("DOTNET_TieredCompilation"));
        Assert.DoesNotContain(foreignPort, variables.GetValueOrDefault("DOTNET_DiagnosticPorts") ?? "");
        if (diagnostics == "full")
        {
            // Monitor's own port, on which the runtime does not wait: the workload waits at its start gate instead,
            // where the parent watchdog already runs (a runtime held at a port runs none of our code).
            Assert.EndsWith(",connect,nosuspend", variables["DOTNET_DiagnosticPorts"]);
            Assert.Equal("stdin-closed", variables.GetValueOrDefault("MONITOR_WORKER_GATE"));
        }
        else
        {
            Assert.DoesNotContain("DOTNET_DiagnosticPorts", variables.Keys);
            Assert.DoesNotContain("MONITOR_WORKER_GATE", variables.Keys);
        }
    }

    /// <summary>DOTNET_EnableDiagnostics=0 in Monitor's environment reached the workers, which then never connected
    /// to their port: the run failed after 10 s with "did not connect". Observed workers get IPC back; the debugger
    /// and profiler stay off as the user asked.</summary>
    [LinuxFact]
    public async Task Diagnostics_turned_off_in_the_environment_are_turned_back_on_for_observed_workers_only_as_IPC()
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_EnableDiagnostics"] = "0" };
        var run = await Monitor.Tests.Cli.MonitorProgram.RunAsync(["run", "--mode", "processes", "--workers", "2", "--n", "1e8", "--json"], TimeSpan.FromSeconds(60), environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"correct\":true", run.StdoutLines[^1]);
        Assert.Contains(run.StdoutLines, l => l.Contains("\"type\":\"snapshot\"", StringComparison.Ordinal));

        using var monitor = BackgroundMonitor.Start(["run", "--mode", "threads", "--workers", "2", "--n", "1e13", "--json"], environment);
        var variables = WorkerVariables(await SumWorkerOf(monitor));
        Assert.DoesNotContain("DOTNET_EnableDiagnostics", variables.Keys);
        Assert.Equal("0", variables.GetValueOrDefault("DOTNET_EnableDiagnostics_Debugger"));
        Assert.Equal("0", variables.GetValueOrDefault("DOTNET_EnableDiagnostics_Profiler"));
    }

    /// <summary>The worker that sums, not the calibration that may come first; the bound is a hang guard.</summary>
    private static async Task<int> SumWorkerOf(BackgroundMonitor monitor)
    {
        for (int i = 0; i < 1200; i++)
        {
            var found = ProcFs.ProcessesWithParentArgument(monitor.Pid, args => args.Contains("worker") && !args.Contains("--calibrate"));
            if (found.Count > 0) return found[0];
            if (monitor.Process.HasExited) throw new InvalidOperationException($"monitor exited first:\n{monitor}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"no worker within 60 s:\n{monitor}");
    }

    private static Dictionary<string, string> WorkerVariables(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
