namespace Monitor.Cli.Hosting;

/// <summary>The UI needs a terminal on both ends; a pipe gets a clear message instead of escape codes.</summary>
public static class TerminalCheck
{
    public static void RequireInteractive()
    {
        if (Console.IsOutputRedirected || Console.IsInputRedirected)
            throw new UsageException("the terminal UI needs a terminal (stdin and stdout); for pipes and scripts use 'monitor run --json' or 'monitor attach PID --json'");
    }
}
