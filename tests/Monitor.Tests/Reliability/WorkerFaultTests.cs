using System.Text.RegularExpressions;
using Monitor.Tests.Cli;
using Monitor.Tests.EndToEnd;

namespace Monitor.Tests.Reliability;

/// <summary>
/// A worker process killed mid-run: the run fails with the reason (the signal), its sibling is ended, and Monitor goes
/// on: `monitor run` reports the failure and exits 1; the UI shows FAIL with the reason and the next run works.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class WorkerFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Headless_a_killed_worker_fails_the_run_with_the_signal_ends_its_sibling_and_exits_1()
    {
        using var monitor = BackgroundMonitor.Start("run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        PosixSignals.Send(workers[0], PosixSignals.SIGKILL);

        Assert.Equal(1, await monitor.WaitForExitAsync(Bound));
        string result = monitor.StdoutLines[^1];
        Assert.Contains("\"type\":\"result\"", result);
        Assert.Contains("\"correct\":false", result);
        Assert.Contains($"worker process {workers[0]}", result);
        Assert.Contains("SIGKILL", result);
        Assert.Empty(Leftovers.ProcessesOf(monitor.Pid));
        Assert.Empty(Leftovers.SocketsOf(monitor.Pid, workers));
    }

    [Fact]
    public void In_the_ui_a_killed_worker_shows_FAIL_with_the_reason_and_the_next_run_works()
    {
        using var tmux = new TmuxSession($"{MonitorProgram.Path} tui --mode processes --workers 2 --n 1e13 --no-mouse", 120, 35);
        int monitorPid = tmux.WaitForProgram("tui");
        tmux.WaitFor(s => Regex.Matches(s, @"\d+ monitor worker\s+WS").Count == 2, "two worker processes", Bound);
        var workers = Leftovers.ProcessesOf(monitorPid);

        PosixSignals.Send(workers[0], PosixSignals.SIGKILL);
        tmux.WaitFor(s => s.Contains("FAIL") && s.Contains("SIGKILL"), "FAIL and the signal in the results", Bound);
        Assert.Empty(Leftovers.ProcessesOf(monitorPid));

        tmux.SendKeys("2");
        tmux.WaitFor(s => s.Contains("mode threads") && Regex.Matches(s, @"sum-worker-\d+\s+\d+\.\d").Count == 2, "the next run's two worker threads", Bound);
        Assert.Single(Leftovers.ProcessesOf(monitorPid));

        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit(Bound));
        Assert.Empty(Leftovers.ProcessesOf(monitorPid));
    }
}
