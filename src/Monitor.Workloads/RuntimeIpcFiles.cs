namespace Monitor.Workloads;

/// <summary>
/// What a .NET runtime makes in the temp dir for its process, each named for its pid: the diagnostic socket
/// (<c>dotnet-diagnostic-PID-KEY-socket</c>) and the debugger's two pipes (<c>clr-debug-pipe-PID-KEY-in</c> and
/// <c>-out</c>), KEY being the process's start time. The runtime removes all three when its process exits, none when it
/// is killed: a SIGKILLed Monitor left its two pipes behind although its socket was removed for it. On Windows the
/// runtime makes named pipes instead, which go with their process: there is never anything to find.
/// </summary>
public static class RuntimeIpcFiles
{
    private static readonly string[] Patterns = ["dotnet-diagnostic-{0}-*-socket", "clr-debug-pipe-{0}-*-in", "clr-debug-pipe-{0}-*-out"];

    /// <summary>Every such file named for <paramref name="pid"/> in the temp dir now (whatever its key: a socket or pipe
    /// named for a pid that no longer lives is stale).</summary>
    public static IReadOnlyList<string> Of(int pid)
    {
        if (OperatingSystem.IsWindows()) return [];
        string temp = Path.GetTempPath();
        var found = new List<string>();
        foreach (var pattern in Patterns)
        {
            try
            {
                found.AddRange(Directory.GetFiles(temp, string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, pid)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
