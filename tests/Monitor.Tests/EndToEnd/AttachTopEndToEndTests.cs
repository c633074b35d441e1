using Monitor.Tests.Attach;
using Monitor.Tests.Cli;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// `monitor attach` in a real terminal on real applications: s turns stacks on and the screen names the hot method,
/// the hot thread's stack and the convoy's wait site; q leaves the target running.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachTopEndToEndTests
{
    [Fact]
    public async Task S_turns_stacks_on_and_the_screen_names_the_hot_method_and_the_hot_threads_stack()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the end-to-end test");
        using var target = await TargetApp.StartAsync("cpu-hot");
        using var tmux = new TmuxSession($"{MonitorProgram.Path} attach {target.Pid} --no-mouse", 120, 35);
        tmux.WaitFor("hot-worker");
        Assert.DoesNotContain("Hot methods", tmux.Capture());

        tmux.SendKeys("s");
        tmux.WaitFor(s => s.Contains("Hot methods") && s.Contains("CpuHot.CountPrimes"), "the hot methods panel naming CountPrimes");
        // The threads are sorted by CPU: the cursor's first place is hot-worker, whose stack the panel then shows.
        tmux.SendKeys("Down");
        tmux.WaitFor(s => s.Contains("hot-worker (") && s.Contains("CpuHot.CountPrimes ← CpuHot.Spin"), "hot-worker's stack");

        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit());
        Assert.False(target.Process.HasExited);
    }

    [Fact]
    public async Task With_stacks_the_lock_panel_names_the_wait_site_of_a_convoy()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the end-to-end test");
        using var target = await TargetApp.StartAsync("lock-convoy");
        using var tmux = new TmuxSession($"{MonitorProgram.Path} attach {target.Pid} --stacks --no-mouse", 160, 40);

        tmux.WaitFor(s => s.Contains("lock in LockConvoy.TakeTheGate"), "the convoy's wait site");

        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit());
    }

    /// <summary>The portable reader in the real program and terminal: the threads panel says what it cannot count, the
    /// cells read n/a, the busy thread still has its CPU.</summary>
    [Fact]
    public async Task Read_by_the_portable_reader_the_threads_panel_says_what_it_cannot_count()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the end-to-end test");
        using var target = await TargetApp.StartAsync("cpu-hot");
        using var tmux = new TmuxSession($"{MonitorProgram.Path} attach {target.Pid} --no-mouse", 120, 35,
            new Dictionary<string, string> { ["MONITOR_SAMPLER"] = "portable" });

        string screen = tmux.WaitFor(s => s.Contains("n/a: NAME WAIT% BLK/s, not counted by the portable thread reader")
            && System.Text.RegularExpressions.Regex.IsMatch(s, @" n/a +\d{2,3}(\.\d)? .* n/a +n/a "), "a busy nameless thread with n/a cells");
        Assert.DoesNotContain("hot-worker", screen);

        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit());
    }
}
