using System.Globalization;
using Monitor.Diagnostics.Sources.EventPipe.Windows;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// The socket every .NET process listens on for diagnostics: <c>dotnet-diagnostic-PID-KEY-socket</c> in the temp dir.
/// The runtime removes it when the process exits, but not when the process is killed: Monitor removes those of its own
/// workers, and only once the worker is dead (another process's socket is not ours to touch). On Windows it is the
/// named pipe <c>\\.\pipe\dotnet-diagnostic-PID</c>, listed like a file in <see cref="TempDirectory"/>, and goes
/// with its process.
/// </summary>
public static class DefaultDiagnosticSockets
{
    /// <summary>Where the endpoints are: the temp dir; on Windows the named pipes' <c>\\.\pipe\</c>.</summary>
    public static string TempDirectory => OperatingSystem.IsWindows() ? DiagnosticPipeNames.PipeDirectory : Path.GetTempPath();

    private static string PatternOf(string pid) =>
        OperatingSystem.IsWindows() ? DiagnosticPipeNames.DefaultPrefix + pid : $"dotnet-diagnostic-{pid}-*-socket";

    /// <summary>The default diagnostic sockets of <paramref name="pid"/> present now.</summary>
    public static string[] Of(int pid)
    {
        try
        {
            return Directory.GetFiles(TempDirectory, PatternOf(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Every default diagnostic endpoint now (also those of killed processes whose socket was left behind), as
    /// (pid, key): the key is the process's start time the runtime
    /// puts in the socket's name, so a socket left behind by a killed process and the one of a new process that got
    /// its pid are two endpoints (0 on Windows, whose pipes go with their process). Matched by name before any string
    /// is made of it: the temp directory of a busy machine holds thousands of entries, and a watcher that looks every
    /// few seconds should not allocate for each of them.</summary>
    public static HashSet<DiagnosticEndpoint> Endpoints()
    {
        const string prefix = "dotnet-diagnostic-";
        var found = new HashSet<DiagnosticEndpoint>();
        try
        {
            foreach (string path in Directory.EnumerateFiles(TempDirectory, PatternOf("*")))
            {
                if (OperatingSystem.IsWindows())
                {
                    if (DiagnosticPipeNames.PidOfDefault(Path.GetFileName(path.AsSpan())) is int owner) found.Add(new DiagnosticEndpoint(owner, 0));
                    continue;
                }
                // "PID-KEY-socket" after the prefix.
                var name = Path.GetFileName(path.AsSpan())[prefix.Length..];
                int dash = name.IndexOf('-');
                if (dash <= 0 || !int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
                var rest = name[(dash + 1)..];
                int end = rest.IndexOf('-');
                long key = end > 0 && long.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out long k) ? k : -1;
                found.Add(new DiagnosticEndpoint(pid, key));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return found;
    }

    /// <summary>Removes the sockets a worker left behind, and its debugger's pipes (<see cref="RuntimeIpcFiles"/>); does
    /// nothing while it runs. Returns how many were removed.</summary>
    public static int RemoveStale(System.Diagnostics.Process worker)
    {
        int pid;
        try
        {
            if (!worker.HasExited) return 0;
            pid = worker.Id;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
        int removed = 0;
        foreach (var file in RuntimeIpcFiles.Of(pid))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }
}
