namespace Monitor.Runners;

/// <summary>Turns a child's exit code into words a person can act on.</summary>
public static class ExitReason
{
    private static readonly Dictionary<int, string> SignalNames = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [15] = "SIGTERM",
    };

    public static string Describe(int exitCode)
    {
        // .NET reports a child killed by signal S on Unix as exit code 128 + S.
        if (!OperatingSystem.IsWindows() && exitCode > 128 && exitCode < 128 + 65)
        {
            int signal = exitCode - 128;
            return SignalNames.TryGetValue(signal, out var name) ? $"killed by signal {signal} ({name})" : $"killed by signal {signal}";
        }
        return $"exited with code {exitCode}";
    }
}
