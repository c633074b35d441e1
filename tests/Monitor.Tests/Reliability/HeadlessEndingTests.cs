using System.Diagnostics;
using Monitor.Runners;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// `monitor run` ended mid-run every way a user or a server can end it. SIGINT, SIGTERM and SIGHUP are an orderly
/// stop: exit 130, every worker ended before Monitor exits, no diagnostic socket left. SIGKILL cannot be caught:
/// the workers notice their parent is gone and end themselves (and clean up Monitor's sockets) within about 2 s.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class HeadlessEndingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // N at the limit: left alone, the workers would compute for many minutes.
    private static readonly string[] LongRun = ["run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200"];

    [Theory]
    [InlineData(PosixSignals.SIGINT)]
    [InlineData(PosixSignals.SIGTERM)]
    [InlineData(PosixSignals.SIGHUP)]
    public async Task A_signal_mid_run_ends_every_worker_leaves_no_socket_and_exits_130(int signal)
    {
        using var monitor = BackgroundMonitor.Start(LongRun);
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        monitor.Signal(signal);
        int code = await monitor.WaitForExitAsync(Bound);

        Assert.True(code == 130, $"exit {code}\n{monitor}");
        // Looked at right after the exit: the workers' own watchdog would only end them later.
        Assert.Empty(Leftovers.ProcessesOf(monitor.Pid));
        Assert.Empty(Leftovers.SocketsOf(monitor.Pid, workers));
        Assert.Contains("\"type\":\"result\"", monitor.StdoutLines[^1]);
        Assert.Contains("interrupted", monitor.StdoutLines[^1]);
        Assert.DoesNotContain(monitor.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_SIGHUPs_from_a_closing_terminal_still_end_in_order()
    {
        using var monitor = BackgroundMonitor.Start(LongRun);
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        // The kernel hangs up the terminal's foreground group, then the shell passes SIGHUP on to its jobs.
        monitor.Signal(PosixSignals.SIGHUP);
        monitor.Signal(PosixSignals.SIGHUP);

        Assert.Equal(130, await monitor.WaitForExitAsync(Bound));
        Assert.Empty(Leftovers.ProcessesOf(monitor.Pid));
        Assert.Empty(Leftovers.SocketsOf(monitor.Pid, workers));
    }

    [Theory]
    [InlineData("dotnet", "processes")]
    [InlineData("dotnet", "threads")]
    [InlineData("python", "processes")]
    [InlineData("python", "threads")]
    public async Task After_a_SIGKILL_the_workers_end_themselves_and_leave_no_socket(string runtime, string mode)
    {
        using var monitor = BackgroundMonitor.Start("run", "--runtime", runtime, "--mode", mode, "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        // Python in processes mode: the worker and its two multiprocessing children.
        int expected = runtime == "python" && mode == "processes" ? 3 : mode == "processes" ? 2 : 1;
        var workers = await monitor.WaitForWorkersAsync(expected, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);
        // Sockets are told apart by pid and start time (see Leftovers): Monitor's own is found that way while it runs, so
        // the check after the kill does look for the right name.
        Assert.Single(Leftovers.DefaultSocketsOf(monitor.Pid));
        Assert.Equal(2, Leftovers.DebugPipesOf(monitor.Pid).Length);

        monitor.Signal(PosixSignals.SIGKILL);
        await monitor.WaitForExitAsync(Bound);
        var (elapsed, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitor.Pid, workers, Bound);

        output.WriteLine($"{runtime} {mode}: workers and sockets gone {elapsed.TotalSeconds:0.00} s after Monitor was killed");
        Assert.Empty(processes);
        Assert.Empty(sockets);
        // The workers check every 0.5 s; 2 s is the promise, the rest is slack for a loaded machine.
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"workers took {elapsed.TotalSeconds:0.0} s to end");
    }

    /// <summary>
    /// Without --n, Monitor first measures this machine in a calibration worker (~250 ms). Killed then, Monitor can
    /// remove nothing: the calibration worker carries --parent like every worker, ends, and removes Monitor's default
    /// socket. The kill counts as "during the calibration" only when the calibration worker was younger than the
    /// measurement when the kill had been sent: it cannot have finished then. A kill that misses (the worker found
    /// late, or not at all on a loaded machine) may land when no worker exists to clean up (between the calibration
    /// and the run's workers): that attempt is cleaned up by the test and tried again.
    /// </summary>
    [Theory]
    [InlineData("dotnet")]
    [InlineData("python")]
    public async Task After_a_SIGKILL_during_calibration_the_calibration_worker_ends_and_leaves_no_socket(string runtime)
    {
        if (runtime == "python" && PythonWorkerLauncher.FindInterpreter() is null) return;
        var young = Calibration.DefaultDuration - TimeSpan.FromMilliseconds(50);
        const int Attempts = 8;
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            using var monitor = BackgroundMonitor.Start("run", "--runtime", runtime, "--mode", "threads", "--workers", "2", "--json", "--interval", "200");
            int? calibrating = await WaitForCalibrationWorkerAsync(monitor);

            if (!monitor.Process.HasExited) monitor.Signal(PosixSignals.SIGKILL);
            // Read after the kill was sent: the worker was at most this old when it was sent.
            TimeSpan? age = calibrating is { } c ? Leftovers.AgeOf(c) : null;
            await monitor.WaitForExitAsync(Bound);
            if (age is null || age >= young)
            {
                output.WriteLine($"{runtime} attempt {attempt}: missed, the calibration worker was " +
                    (age is { } old ? $"{old.TotalMilliseconds:0} ms old at the kill" : "not seen or gone"));
                Leftovers.CleanUpAfter(monitor.Pid);
                continue;
            }
            var (elapsed, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitor.Pid, [calibrating!.Value], Bound);

            output.WriteLine($"{runtime} attempt {attempt}: killed when the calibration worker was {age.Value.TotalMilliseconds:0} ms old; " +
                $"it and the sockets were gone {elapsed.TotalSeconds:0.00} s later");
            Assert.True(processes.Count == 0, $"still running: {string.Join(", ", processes)}");
            Assert.True(sockets.Count == 0, $"left behind: {string.Join(", ", sockets)}");
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the calibration worker took {elapsed.TotalSeconds:0.0} s to end");
            Assert.DoesNotContain(monitor.StdoutLines, l => l.Contains("\"type\":\"calibration\""));
            return;
        }
        Assert.Fail($"in {Attempts} attempts no kill came while the calibration worker was younger than {young.TotalMilliseconds} ms");
    }

    /// <summary>The pid of Monitor's calibration worker as soon as it is in /proc (polled tightly: it lives about a
    /// quarter of a second); null when Monitor got past the calibration unseen.</summary>
    private static async Task<int?> WaitForCalibrationWorkerAsync(BackgroundMonitor monitor)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Leftovers.CalibrationWorkersOf(monitor.Pid) is [var pid, ..]) return pid;
            if (monitor.Process.HasExited || Leftovers.RunWorkersOf(monitor.Pid).Count > 0) return null;
            if (clock.Elapsed > Bound) throw new TimeoutException($"no calibration worker within {Bound}:\n{monitor}");
            await Task.Delay(5);
        }
    }
}
