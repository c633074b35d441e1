namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// A directory under the temp dir that only this user may enter (0700), holding the diagnostic-port sockets Monitor
/// listens on: nobody else can connect to them, or put a socket of their own in their place.
/// </summary>
public sealed class PrivateSocketDirectory : IDisposable
{
    private int _next;

    public PrivateSocketDirectory()
    {
        // CreateTempSubdirectory makes a fresh, unpredictable name; on Unix already with mode 0700, set again to be explicit.
        // The pid in the name tells whose it is: a worker orphaned by a killed Monitor removes its parent's.
        Path = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Every private directory is named <c>monitor-PID-RANDOM</c> in the temp dir.</summary>
    public const string Prefix = Monitor.Workloads.OrphanCleanup.PrivateDirectoryPrefix;

    public string Path { get; }

    /// <summary>A fresh socket path inside the directory. Short on purpose: a Unix socket path is limited to ~107 bytes.</summary>
    public string NewSocketPath() => System.IO.Path.Combine(Path, $"w{Interlocked.Increment(ref _next)}.sock");

    public static void DeleteSocket(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a socket still being closed: the temp dir's own cleaning takes it later.
        }
    }
}
