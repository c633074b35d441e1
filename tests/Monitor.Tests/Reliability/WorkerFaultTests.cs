using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Cli;
using Monitor.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// A worker process killed mid-run: the run fails with the reason (the signal), its sibling is ended, and Monitor goes
/// on: `monitor run` reports the failure and exits 1; the UI shows FAIL with the reason and the next run works.
/// A worker's event session broken while the worker computes on: the snapshots say its runtime events stopped.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class WorkerFaultTests(ITestOutputHelper output)
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

    /// <summary>
    /// The connections between Monitor and its worker's runtime are shut down from outside (pidfd_getfd, then
    /// shutdown(2) on Monitor's sockets: what a failing transport does), so the session's stream ends while the worker
    /// computes on. Skipped where the kernel (before 5.6) or the permissions do not allow taking Monitor's sockets.
    /// </summary>
    [Fact]
    public async Task Headless_an_event_session_that_breaks_while_its_worker_computes_on_is_reported_in_the_snapshots()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var monitor = BackgroundMonitor.Start("run", "--mode", "threads", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        int worker = Assert.Single(await monitor.WaitForWorkersAsync(1, Bound));
        // The session is up: the runtime's counters have reached a snapshot.
        await monitor.WaitForStdoutAsync(l => WorkerIn(l, worker) is { } p && p.TryGetProperty("gcHeapBytes", out _), "the worker's GC heap", Bound);
        string directory = Assert.Single(Leftovers.PrivateDirectoriesOf(monitor.Pid));

        var sinceBreak = Stopwatch.StartNew();
        var (broken, why) = DiagnosticConnections.BreakIn(monitor.Pid, directory);
        if (broken == 0 && why is not null)
        {
            output.WriteLine($"skipped: cannot take Monitor's sockets here ({why})");
            return;
        }
        Assert.True(broken > 0, "no connection to the worker was found");
        int linesBefore = monitor.StdoutLines.Count;

        await monitor.WaitForStdoutAsync(l => WorkerIn(l, worker)?.TryGetProperty("diagnosticsStatus", out _) == true, "the runtime events stopped", Bound);
        var reported = sinceBreak.Elapsed;
        var lines = monitor.StdoutLines;
        int first = lines.ToList().FindIndex(l => WorkerIn(l, worker)?.TryGetProperty("diagnosticsStatus", out _) == true);
        Assert.True(first >= linesBefore - 1, "a status came before the break");
        var stopped = WorkerIn(lines[first], worker)!.Value;
        string status = stopped.GetProperty("diagnosticsStatus").GetString()!;
        output.WriteLine($"{broken} connections shut down; {reported.TotalSeconds:0.0} s later: {status}");
        Assert.StartsWith("runtime events stopped: ", status);
        Assert.Contains($"process {worker}", status);
        Assert.Contains("runs on", status);
        Assert.False(stopped.TryGetProperty("exited", out _));

        // The worker computes on and the OS figures go on, with the status kept on every snapshot.
        double cpuMs = stopped.GetProperty("cpuMs").GetDouble();
        await monitor.WaitForStdoutAsync(l => WorkerIn(l, worker) is { } p && p.GetProperty("cpuMs").GetDouble() > cpuMs
            && p.GetProperty("diagnosticsStatus").GetString() == status, "the worker's CPU time growing after the break", Bound);
        Assert.Contains(worker, Leftovers.ProcessesOf(monitor.Pid));

        monitor.Signal(PosixSignals.SIGTERM);
        Assert.Equal(130, await monitor.WaitForExitAsync(Bound));
        Assert.Empty(Leftovers.ProcessesOf(monitor.Pid));
        Assert.Empty(Leftovers.SocketsOf(monitor.Pid, [worker]));
        Assert.DoesNotContain(monitor.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    /// <summary>The process object of <paramref name="pid"/> in a snapshot line, or null.</summary>
    private static JsonElement? WorkerIn(string line, int pid)
    {
        if (!line.Contains("\"type\":\"snapshot\"", StringComparison.Ordinal)) return null;
        using var document = JsonDocument.Parse(line);
        foreach (var p in document.RootElement.GetProperty("processes").EnumerateArray())
        {
            if (p.GetProperty("pid").GetInt32() == pid) return p.Clone();
        }
        return null;
    }
}
