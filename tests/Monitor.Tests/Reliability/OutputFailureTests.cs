using System.Diagnostics;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Output nobody takes ends the work: a reader that closed the pipe (`| head -1`) or a full device ends the run and its
/// workers at once with exit 1 and one line on stderr; a reader that stopped reading does not keep a signal from
/// ending Monitor. Each run would otherwise compute for many minutes (N at the limit).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class OutputFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200")]
    [InlineData("run", "--mode", "threads", "--workers", "2", "--n", "1e13", "--interval", "200")]
    [InlineData("run", "--mode", "threads", "--workers", "2", "--n", "1e13", "--json", "--diagnostics", "none", "--interval", "200")]
    public async Task A_reader_that_closes_the_pipe_ends_the_run_and_its_workers(params string[] args)
    {
        var monitor = Start(args);
        try
        {
            string? first = await monitor.StandardOutput.ReadLineAsync().WaitAsync(Bound);
            Assert.NotNull(first);
            // What `head -1` does after its line: the read end of the pipe is closed.
            monitor.StandardOutput.Dispose();

            Assert.True(monitor.WaitForExit(Bound), "Monitor went on after its reader had gone");
            string stderr = await monitor.StandardError.ReadToEndAsync();
            Assert.Equal(1, monitor.ExitCode);
            Assert.Contains("output failed", stderr);
            Assert.DoesNotContain("   at ", stderr);
            Assert.Empty(Leftovers.ProcessesOf(monitor.Id));
        }
        finally
        {
            Leftovers.EndMonitor(monitor);
        }
    }

    [Fact]
    public async Task An_attach_whose_reader_closed_the_pipe_ends_and_leaves_its_target_running()
    {
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        var monitor = Start(["attach", target.Pid.ToString(), "--json", "--interval", "200"]);
        try
        {
            Assert.NotNull(await monitor.StandardOutput.ReadLineAsync().WaitAsync(Bound));
            monitor.StandardOutput.Dispose();

            Assert.True(monitor.WaitForExit(Bound), "attach went on after its reader had gone");
            Assert.Equal(1, monitor.ExitCode);
            Assert.Contains("output failed", await monitor.StandardError.ReadToEndAsync());
            Assert.False(target.Process.HasExited);
        }
        finally
        {
            Leftovers.EndMonitor(monitor);
        }
    }

    [Fact]
    public async Task A_full_device_ends_the_run_with_one_line()
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "exec \"$0\" \"$@\" > /dev/full", MonitorProgram.Path, "run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200" })
        {
            start.ArgumentList.Add(a);
        }
        var monitor = Process.Start(start)!;
        try
        {
            Assert.True(monitor.WaitForExit(Bound), "Monitor went on writing to a full device");
            string stderr = await monitor.StandardError.ReadToEndAsync();
            Assert.Equal(1, monitor.ExitCode);
            Assert.Contains("No space left on device", stderr);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Empty(Leftovers.ProcessesOf(monitor.Id));
        }
        finally
        {
            Leftovers.EndMonitor(monitor);
        }
    }

    [Fact]
    public async Task A_reader_that_stopped_reading_does_not_keep_SIGTERM_from_ending_Monitor()
    {
        var monitor = Start(["run", "--mode", "threads", "--workers", "8", "--n", "1e13", "--json", "--interval", "100"]);
        try
        {
            // Nobody reads stdout: after a few seconds of snapshots the pipe is full.
            await WaitUntilAsync(() => Leftovers.RunWorkersOf(monitor.Id).Count > 0, "the worker");
            await Task.Delay(TimeSpan.FromSeconds(4));

            PosixSignals.Send(monitor.Id, PosixSignals.SIGTERM);

            Assert.True(monitor.WaitForExit(Bound), "Monitor hung in a write nobody reads");
            Assert.Equal(130, monitor.ExitCode);
            Assert.Empty(Leftovers.ProcessesOf(monitor.Id));
        }
        finally
        {
            Leftovers.EndMonitor(monitor);
        }
    }

    private static Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(MonitorProgram.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {Bound.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
