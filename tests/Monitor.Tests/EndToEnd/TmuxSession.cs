using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// A real terminal for end-to-end tests: a detached tmux session on a private server socket (so parallel tests and
/// people's own tmux never mix), driven with send-keys and read with capture-pane.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket = $"monitor-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private const string Name = "t";

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a <paramref name="width"/>x<paramref name="height"/> terminal.
    /// After it ends the pane prints "EXIT code" and stays, so the exit code can be read.</summary>
    public TmuxSession(string command, int width = 120, int height = 35, IDictionary<string, string>? environment = null)
    {
        var args = new List<string> { "new-session", "-d", "-s", Name, "-x", width.ToString(), "-y", height.ToString() };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) args.AddRange(["-e", $"{key}={value}"]);
        args.Add($"{command}; echo EXIT $?; sleep 600");
        Tmux(args);
        PanePid = int.Parse(Tmux(["display-message", "-p", "-t", Name, "#{pane_pid}"]).Trim());
    }

    /// <summary>The shell running the command; the program under test is its child.</summary>
    public int PanePid { get; }

    public static bool Available => File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux");

    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Name, .. keys]);

    /// <summary>The pane's terminal device (/dev/pts/N): `stty -a -F` on it reads the mode the program left it in.</summary>
    public string Tty => Tmux(["display-message", "-p", "-t", Name, "#{pane_tty}"]).Trim();

    /// <summary>The local flags `stty` reports for the pane's terminal that tell raw mode from line mode: "isig" or
    /// "-isig", "icanon" or "-icanon", "echo" or "-echo".</summary>
    public IReadOnlyList<string> TerminalFlags()
    {
        var start = new ProcessStartInfo("stty") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-a", "-F", Tty }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string all = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return all.Split([' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.TrimStart('-') is "isig" or "icanon" or "echo").ToArray();
    }

    public void Resize(int width, int height) => Tmux(["resize-window", "-t", Name, "-x", width.ToString(), "-y", height.ToString()]);

    /// <summary>Ends the tmux server as a dropped SSH connection ends a terminal: the program gets SIGHUP.</summary>
    public void KillServer() => Tmux(["kill-server"]);

    /// <summary>The pid of the program under test: the pane's descendant whose command line has
    /// <paramref name="argument"/> (e.g. "tui"); waits until it is there.</summary>
    public int WaitForProgram(string argument, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            foreach (int pid in Monitor.Diagnostics.Sources.OsThreads.ProcessTree.Descendants(PanePid))
            {
                string[] args;
                try
                {
                    args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                }
                catch (IOException)
                {
                    continue;
                }
                if (args.Contains(argument) && !args.Contains("worker")) return pid;
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"no process with argument '{argument}' under the pane");
    }

    public string Capture() => Tmux(["capture-pane", "-p", "-t", Name]);

    /// <summary>Polls the screen until <paramref name="condition"/> holds; the timeout is a hang guard.</summary>
    public string WaitFor(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        string screen = "";
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            screen = Capture();
            if (condition(screen)) return screen;
            Thread.Sleep(200);
        }
        throw new TimeoutException($"screen never showed {what}; last screen:\n{screen}");
    }

    public string WaitFor(string text, TimeSpan? timeout = null) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    /// <summary>The exit code printed after the program ended.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        string screen = WaitFor(s => Regex.IsMatch(s, @"EXIT \d+"), "the program's exit", timeout);
        return int.Parse(Regex.Match(screen, @"EXIT (\d+)").Groups[1].Value);
    }

    private string Tmux(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', start.ArgumentList)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Tmux(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
