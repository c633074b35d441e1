using System.Diagnostics;
using System.Text.Json;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Recording;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// Ctrl+C ends a run as interrupted, whoever gets the signal: Monitor alone (`kill -INT pid`), or Monitor's whole
/// process group as a terminal sends it (Monitor started in a session of its own, so the test host is not hit). Exit
/// code 130, outcome "interrupted" in the result line and in the bundle's manifest, and no worker left.
/// </summary>
public sealed class InterruptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [LinuxTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sigint_ends_the_run_as_interrupted_with_exit_130_and_no_worker_left(bool wholeGroup)
    {
        using var dir = new TempDirectory();
        string bundle = dir.Combine("bundle");
        using var run = WatchedMonitorRun.Start(
            ["run", "--mode", "threads", "--workers", "2", "--n", "1e12", "--json", "--record", bundle],
            ownSession: true, restoreSigint: true);
        int monitorPid = run.Pid;
        try
        {
            await run.FirstSnapshot.WaitAsync(Bound);
            var workers = Leftovers.RunWorkersOf(monitorPid);
            Assert.NotEmpty(workers);
            Assert.False(ProcReadings.IgnoresSignal(monitorPid, PosixSignals.SIGINT), "Monitor was started with SIGINT ignored");
            Assert.Equal(monitorPid, SessionOf(monitorPid)); // its own session and group: the group signal stays there

            var clock = Stopwatch.StartNew();
            if (wholeGroup) run.SignalGroup(PosixSignals.SIGINT);
            else run.Signal(PosixSignals.SIGINT);
            int code = await run.WaitForExitAsync(Bound);
            output.WriteLine($"{(wholeGroup ? "group" : "Monitor only")}: exit {code} {clock.ElapsedMilliseconds} ms after SIGINT; stderr: {string.Join(" | ", run.StderrLines)}");

            Assert.True(code == 130, $"exit {code}\n{run}");
            var result = run.Result;
            Assert.True(result is not null, $"no result line\n{run}");
            Assert.Equal("interrupted", result!.Outcome);
            Assert.DoesNotContain("killed", result.Failure ?? "", StringComparison.OrdinalIgnoreCase);

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "manifest.json")));
            var runs = manifest.RootElement.GetProperty("runs");
            Assert.Equal("interrupted", runs[0].GetProperty("failure").GetString());

            // The interrupted run's figures keep their promises up to the end they had.
            var report = FigureChecks.Check(run, singleLock: false, completed: false);
            output.WriteLine(report.ToString());
            report.AssertNone("an interrupted run");

            var gone = await Leftovers.WaitUntilGoneAsync(monitorPid, workers, TimeSpan.FromSeconds(5));
            Assert.True(gone.Processes.Count == 0, $"workers left after Monitor ended: {string.Join(", ", gone.Processes)}");
        }
        finally
        {
            Leftovers.CleanUpAfter(monitorPid);
        }
    }

    /// <summary>
    /// The result line of an interrupted run still says what CPU its workers used: Monitor reads each worker (and the
    /// children it made) just before ending it, in place of the usage line it will not send, so its effective
    /// parallelism is capped by it as every other figure is. Before, the result had no cpuMs, its figure was capped by
    /// the CPUs only, and the final snapshot's cpuMs stopped at the last reading before the kill: seen as
    /// effectiveParallelism 0.71 against 860 ms of CPU in 1421 ms (0.61).
    /// </summary>
    [Fact]
    public async Task Interrupted_result_gives_the_cpu_time_its_final_snapshot_shows_and_caps_its_figure_by_it()
    {
        using var run = WatchedMonitorRun.Start(["run", "--mode", "threads", "--workers", "2", "--n", "1e12", "--json"], restoreSigint: true);
        try
        {
            await run.FirstSnapshot.WaitAsync(Bound);
            run.Signal(PosixSignals.SIGINT);
            Assert.Equal(130, await run.WaitForExitAsync(Bound));
            var result = run.Result!;
            Assert.NotNull(result.CpuMs);
            Assert.NotNull(result.PeakWorkingSetBytes);
            // With its CPU known the run is checked as a completed one is (sum and outcome aside).
            var report = new FigureReport();
            FigureChecks.CheckSnapshots(run.Snapshots, report, singleLock: false, completed: true);
            FigureChecks.CompareCumulative(Cumulative.Of(run.Snapshots[^1].Totals), Cumulative.Of(result), "final snapshot", "result", report);
            report.Check(result.EffectiveParallelism <= result.CpuMs / result.ElapsedMs + Tolerances.ParallelismRounding,
                $"result: effectiveParallelism {result.EffectiveParallelism} > cpuMs/elapsedMs {result.CpuMs}/{result.ElapsedMs}");
            report.AssertNone("an interrupted run's figures against the CPU its workers got");
        }
        finally
        {
            Leftovers.CleanUpAfter(run.Pid);
        }
    }

    /// <summary>The session id (field 6 of stat).</summary>
    private static int SessionOf(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[6 - 3]);
    }
}
