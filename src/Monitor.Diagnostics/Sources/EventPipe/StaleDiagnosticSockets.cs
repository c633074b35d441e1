namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// A .NET process removes its diagnostic socket (<c>dotnet-diagnostic-PID-KEY-socket</c> in the temp dir) when it exits,
/// but not when it is killed. Monitor removes those of its own workers, and only once the worker is dead: the pid may
/// be reused, and another process's socket is not ours to touch.
/// </summary>
public static class StaleDiagnosticSockets
{
    public static string TempDirectory => Path.GetTempPath();

    /// <summary>The default diagnostic sockets of <paramref name="pid"/> present now.</summary>
    public static string[] Of(int pid)
    {
        try
        {
            return System.IO.Directory.GetFiles(TempDirectory, $"dotnet-diagnostic-{pid}-*-socket");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Removes the sockets of a worker that has exited; does nothing while it runs. Returns how many were removed.</summary>
    public static int RemoveFor(System.Diagnostics.Process worker)
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
