using Xunit.Abstractions;
using System.Text.RegularExpressions;
using Monitor.Tests.Cli;
using Monitor.Tests.EndToEnd;

namespace Monitor.Tests.Reliability;

/// <summary>
/// The terminal UI ended mid-run in a real terminal (tmux) every way it can end: the quit keys, SIGTERM, the terminal
/// going away (SIGHUP, as when an SSH connection drops) and SIGKILL. Afterwards no worker runs, no socket is left, and
/// where Monitor could do it the terminal is restored (the dashboard is gone from the screen).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class TuiEndingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("q")]
    [InlineData("C-c")]
    public async Task A_quit_key_ends_every_worker_and_restores_the_terminal(string key)
    {
        using var tmux = StartMidRun(out int monitorPid, out var workers);

        tmux.SendKeys(key);

        Assert.Equal(0, tmux.WaitForExit(Bound));
        await AssertNothingLeft(monitorPid, workers, TimeSpan.Zero);
        AssertTerminalRestored(tmux);
    }

    [Fact]
    public async Task SIGTERM_ends_the_ui_and_every_worker_restores_the_terminal_and_exits_130()
    {
        using var tmux = StartMidRun(out int monitorPid, out var workers);

        PosixSignals.Send(monitorPid, PosixSignals.SIGTERM);

        Assert.Equal(130, tmux.WaitForExit(Bound));
        await AssertNothingLeft(monitorPid, workers, TimeSpan.Zero);
        AssertTerminalRestored(tmux);
    }

    [Fact]
    public async Task The_terminal_going_away_ends_the_ui_and_every_worker()
    {
        using var tmux = StartMidRun(out int monitorPid, out var workers);

        // Like a dropped SSH connection: the pseudo-terminal closes and Monitor gets SIGHUP.
        tmux.KillServer();

        var ended = await WaitUntilEnded(monitorPid);
        output.WriteLine($"Monitor ended {ended.TotalSeconds:0.00} s after its terminal went away");
        await AssertNothingLeft(monitorPid, workers, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task After_a_SIGKILL_the_workers_end_themselves_and_leave_no_socket()
    {
        using var tmux = StartMidRun(out int monitorPid, out var workers);

        PosixSignals.Send(monitorPid, PosixSignals.SIGKILL);

        var (elapsed, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitorPid, workers, Bound);
        output.WriteLine($"workers and sockets gone {elapsed.TotalSeconds:0.00} s after the UI was killed");
        Assert.Empty(processes);
        Assert.Empty(sockets);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"workers took {elapsed.TotalSeconds:0.0} s to end");
    }

    /// <summary>The UI in processes mode with two workers computing for minutes, once both show on the screen.</summary>
    private static TmuxSession StartMidRun(out int monitorPid, out IReadOnlyList<int> workers)
    {
        var tmux = new TmuxSession($"{MonitorProgram.Path} tui --mode processes --workers 2 --n 1e13 --no-mouse", 120, 35);
        try
        {
            monitorPid = tmux.WaitForProgram("tui");
            tmux.WaitFor(s => s.Contains("mode processes") && Regex.Matches(s, @"\d+ monitor worker\s+WS").Count == 2, "two worker processes", Bound);
            int pid = monitorPid;
            workers = Leftovers.ProcessesOf(pid);
            Assert.Equal(2, workers.Count);
            return tmux;
        }
        catch
        {
            tmux.Dispose();
            throw;
        }
    }

    private static async Task AssertNothingLeft(int monitorPid, IReadOnlyList<int> workers, TimeSpan grace)
    {
        var (_, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitorPid, workers, grace);
        Assert.Empty(processes);
        Assert.Empty(sockets);
    }

    /// <summary>Back on the shell's screen: the dashboard was drawn on the alternate screen, which Monitor left.</summary>
    private static void AssertTerminalRestored(TmuxSession tmux)
    {
        string screen = tmux.Capture();
        Assert.DoesNotContain("Lock contention", screen);
        Assert.Contains("EXIT", screen);
    }

    private static async Task<TimeSpan> WaitUntilEnded(int pid)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (clock.Elapsed > Bound) throw new TimeoutException($"Monitor {pid} still runs {Bound} after its terminal went away");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
