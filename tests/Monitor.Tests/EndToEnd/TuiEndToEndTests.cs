using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Tests.Cli;
using Monitor.Tests.Runners;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// The real program in a real terminal: start the UI, switch modes with single keys, read what the screen shows,
/// quit with q, and check that no worker process survives. When MONITOR_SCREENS_DIR is set, the screen of each mode
/// is saved there as text (docs/screens is made this way).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class TuiEndToEndTests
{
    [Fact]
    public void Keys_switch_modes_and_the_screen_shows_threads_contention_and_processes()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the end-to-end test");
        using var tmux = new TmuxSession($"{MonitorProgram.Path} tui --mode single --n 3e10 --no-mouse", 120, 35);
        tmux.WaitFor("mode single");
        int monitorPid = MonitorPid(tmux);
        tmux.WaitFor(s => WorkerCpu(s).Count == 1, "one busy worker thread");
        Save(tmux, "single");

        tmux.SendKeys("2");
        var screen = tmux.WaitFor(s => s.Contains("mode threads") && WorkerCpu(s).Count(c => c > 1) == 2, "two worker threads with CPU");
        Save(tmux, "threads");

        tmux.SendKeys("4");
        screen = tmux.WaitFor(
            s => s.Contains("mode gil") && ContentionsPerSecond(s) > 0 && Regex.IsMatch(s, @"owner sum-worker-\d+\s+waiters sum-worker-\d+"),
            "contention > 0 in gil mode, with worker threads named as owner and waiters");
        Save(tmux, "gil");

        tmux.SendKeys("3");
        screen = tmux.WaitFor(s => s.Contains("mode processes") && Regex.Matches(s, @"\d+ monitor worker\s+WS").Count == 2, "two worker processes in the memory panel");
        Save(tmux, "processes");

        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit());
        Assert.Empty(ProcFs.WorkersOf(monitorPid));
    }

    [Fact]
    public void A_terminal_smaller_than_80x24_gets_a_clear_message_and_the_ui_comes_back()
    {
        using var tmux = new TmuxSession($"{MonitorProgram.Path} tui --mode threads --n 1e9 --no-mouse", 70, 20);
        tmux.WaitFor("terminal too small");
        tmux.Resize(100, 30);
        tmux.WaitFor("mode threads");
        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit());
    }

    /// <summary>CPU % of each worker row (name sum-worker-N) on the threads panel.</summary>
    private static List<double> WorkerCpu(string screen) =>
        Regex.Matches(screen, @"sum-worker-\d+\s+(\d+\.\d)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static double ContentionsPerSecond(string screen)
    {
        var m = Regex.Match(screen, @"([\d.]+)([kM]?) contentions/s");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static int MonitorPid(TmuxSession tmux) =>
        ProcessTree.Descendants(tmux.PanePid).First(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(" tui".Replace(" ", "\0"), StringComparison.Ordinal));

    /// <summary>For docs: the screen a few seconds into the mode, when histories and rates have settled.</summary>
    private static void Save(TmuxSession tmux, string mode)
    {
        if (Environment.GetEnvironmentVariable("MONITOR_SCREENS_DIR") is not { Length: > 0 } dir) return;
        Thread.Sleep(TimeSpan.FromSeconds(3));
        string screen = tmux.Capture();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"{mode}.txt"), screen.TrimEnd() + "\n");
    }
}
