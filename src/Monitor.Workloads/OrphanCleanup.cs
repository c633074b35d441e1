namespace Monitor.Workloads;

/// <summary>
/// What a worker removes when it finds its Monitor gone (killed with SIGKILL, so Monitor could clean nothing up): the
/// diagnostic-port socket Monitor was listening on for this worker, and once Monitor is surely dead every other socket
/// in Monitor's private directory (those of siblings that ended first) and the directory itself, and Monitor's own
/// default diagnostic socket and debugger pipes (<see cref="RuntimeIpcFiles"/>), which the runtime only removes on a
/// normal exit.
/// </summary>
public static class OrphanCleanup
{
    /// <summary>Set by Monitor on every .NET worker it observes (this socket path, connect, nosuspend).</summary>
    public const string DiagnosticPortsVariable = "DOTNET_DiagnosticPorts";

    /// <summary>Monitor names its private socket directories <c>monitor-PID-RANDOM</c>.</summary>
    public const string PrivateDirectoryPrefix = "monitor-";

    public static void Run(int parentPid)
    {
        // Windows: the ports are named pipes, which vanish with their process; there are no files to remove.
        if (OperatingSystem.IsWindows()) return;
        string? port = PortOf(Environment.GetEnvironmentVariable(DiagnosticPortsVariable), parentPid);
        if (port is not null) Try(() => File.Delete(port));
        // The orphan was re-parented, so the parent is exiting; its /proc entry can still read as running for a moment
        // (children are re-parented before the zombie state is set) or fail to read while it is reaped. Up to 10 s:
        // tearing down a killed Monitor took more than 2 s on a loaded machine, and its socket then stayed.
        bool gone = FileStatuses.Available && ProcessLiveness.ExitsWithin(parentPid, TimeSpan.FromSeconds(10));
        if (port is not null && Path.GetDirectoryName(port) is { } directory)
        {
            // Every socket in the dead parent's private directory was its listener: a sibling that finished before the
            // parent died (or was killed with it) left its own there, and an emptiness rule would keep the directory.
            if (gone) RemoveSockets(directory);
            // Non-recursive: whatever else is there is not a socket of ours.
            Try(() => Directory.Delete(directory));
        }
        if (gone) RemoveParentRuntimeFiles(parentPid);
    }

    /// <summary>The socket path in <paramref name="variable"/> ("path,connect,nosuspend") when it lies in a private
    /// directory of <paramref name="parentPid"/>; the variable could have been inherited from elsewhere.</summary>
    private static string? PortOf(string? variable, int parentPid)
    {
        string? path = variable?.Split(',')[0];
        if (string.IsNullOrEmpty(path)) return null;
        string? directory = Path.GetDirectoryName(path);
        if (directory is null || !Path.GetFileName(directory).StartsWith($"{PrivateDirectoryPrefix}{parentPid}-", StringComparison.Ordinal)) return null;
        return path;
    }

    private static void RemoveSockets(string directory)
    {
        if (!FileStatuses.Available) return;
        string[] entries = [];
        Try(() => entries = Directory.GetFileSystemEntries(directory));
        foreach (var entry in entries)
        {
            if (FileStatuses.Of(entry) is { Kind: FileKind.Socket }) Try(() => File.Delete(entry));
        }
    }

    private static void RemoveParentRuntimeFiles(int parentPid)
    {
        // A socket or pipe named for a pid that no longer lives is stale by definition; a living process keeps its own.
        foreach (var file in RuntimeIpcFiles.Of(parentPid)) Try(() => File.Delete(file));
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed by a sibling meanwhile, or not ours: nothing more to do.
        }
    }
}
