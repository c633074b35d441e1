using System.Text.RegularExpressions;
using Monitor.Tests.Cli;
using Monitor.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// The terminal UI stopped and continued as a shell does it, in a real terminal (tmux): a SIGCONT keeps the terminal in
/// raw mode (it used to be put back into line mode: keys echoed over the dashboard and q did nothing until Enter);
/// Ctrl+Z and SIGTSTP give the shell its terminal back and stop the job, fg takes it back and redraws. Each ends with
/// q quitting and no worker left. The terminal's mode is read with `stty -a -F` on the pane's tty.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class TuiSuspendTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const int SIGCONT = 18;
    private const int SIGTSTP = 20;
    private static readonly string[] Raw = ["-isig", "-icanon", "-echo"];

    [Fact]
    public async Task A_SIGCONT_keeps_the_terminal_raw_and_q_still_quits()
    {
        if (!TmuxSession.Available) return;
        using var tmux = new TmuxSession($"{MonitorProgram.Path} tui --mode threads --workers 2 --n 1e13 --no-mouse", 120, 35);
        int monitor = tmux.WaitForProgram("tui");
        tmux.WaitFor(s => s.Contains("mode threads") && s.Contains("Lock contention"), "the dashboard", Bound);
        Assert.Equal(Raw, tmux.TerminalFlags());

        PosixSignals.Send(monitor, SIGCONT);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var flags = tmux.TerminalFlags();
        output.WriteLine($"after SIGCONT: {string.Join(' ', flags)}");
        Assert.Equal(Raw, flags);
        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit(Bound));
        Assert.Empty(Leftovers.ProcessesOf(monitor));
    }

    [Theory]
    [InlineData("C-z")]
    [InlineData("SIGTSTP")]
    public async Task Suspending_gives_the_shell_its_terminal_and_fg_takes_it_back(string how)
    {
        if (!TmuxSession.Available) return;
        // An interactive shell with job control, as a user's: it is the one that shows "Stopped" and runs fg.
        using var tmux = new TmuxSession("bash --norc --noprofile -i", 120, 35);
        tmux.WaitFor("bash", Bound);
        tmux.SendKeys("PS1='shell$ '", "Enter");
        tmux.WaitFor("shell$", Bound);
        tmux.SendKeys($"{MonitorProgram.Path} tui --mode threads --workers 2 --n 1e13 --no-mouse", "Enter");
        int monitor = tmux.WaitForProgram("tui");
        tmux.WaitFor(s => s.Contains("mode threads") && s.Contains("Lock contention"), "the dashboard", Bound);
        var workers = Leftovers.ProcessesOf(monitor);

        if (how == "C-z") tmux.SendKeys("C-z");
        else PosixSignals.Send(monitor, SIGTSTP);

        string shell = tmux.WaitFor(s => s.Contains("Stopped"), "the shell's job notice", Bound);
        Assert.DoesNotContain("Lock contention", shell);
        Assert.Equal('T', State(monitor));
        Assert.All(workers, w => Assert.Equal('T', State(w)));
        // The shell's own mode (readline's, while it waits for a command): signals from keys are on again.
        Assert.Contains("isig", tmux.TerminalFlags());

        tmux.SendKeys("fg", "Enter");
        tmux.WaitFor(s => s.Contains("Lock contention") && Regex.IsMatch(s, @"mode threads"), "the dashboard again", Bound);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var flags = tmux.TerminalFlags();
        output.WriteLine($"{how}, fg: {string.Join(' ', flags)}");
        Assert.Equal(Raw, flags);
        Assert.NotEqual('T', State(monitor));

        tmux.SendKeys("q");
        tmux.WaitFor("shell$", Bound);
        tmux.SendKeys("exit", "Enter");
        Assert.Equal(0, tmux.WaitForExit(Bound));
        Assert.Empty(Leftovers.ProcessesOf(monitor));
    }

    private static char? State(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
