namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// The socket every .NET process listens on for diagnostics: <c>dotnet-diagnostic-PID-KEY-socket</c> in the temp dir.
/// The runtime removes it when the process exits, but not when the process is killed: Monitor removes those of its own
/// workers, and only once the worker is dead (another process's socket is not ours to touch).
/// </summary>
public static class DefaultDiagnosticSockets
{
    public static string TempDirectory => Path.GetTempPath();

    /// <summary>The default diagnostic sockets of <paramref name="pid"/> present now.</summary>
    public static string[] Of(int pid)
    {
        try
        {
            return Directory.GetFiles(TempDirectory, $"dotnet-diagnostic-{pid}-*-socket");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Removes the sockets a worker left behind; does nothing while it runs. Returns how many were removed.</summary>
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
        foreach (var socket in Of(pid))
        {
            try
            {
                File.Delete(socket);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }
}
