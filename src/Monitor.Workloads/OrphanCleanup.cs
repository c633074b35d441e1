namespace Monitor.Workloads;

/// <summary>
/// What a worker removes when it finds its Monitor gone (killed with SIGKILL, so Monitor could clean nothing up): the
/// diagnostic-port socket Monitor was listening on for this worker, Monitor's private socket directory once it is
/// empty, and Monitor's own default diagnostic socket, which the runtime only removes on a normal exit.
/// </summary>
public static class OrphanCleanup
{
    /// <summary>Set by Monitor on every .NET worker it observes (this socket path, connect, nosuspend).</summary>
    public const string DiagnosticPortsVariable = "DOTNET_DiagnosticPorts";

    /// <summary>Monitor names its private socket directories <c>monitor-PID-RANDOM</c>.</summary>
    public const string PrivateDirectoryPrefix = "monitor-";

    public static void Run(int parentPid)
    {
        RemovePortSocket(Environment.GetEnvironmentVariable(DiagnosticPortsVariable), parentPid);
        RemoveParentDefaultSockets(parentPid);
    }

    private static void RemovePortSocket(string? port, int parentPid)
    {
        // The variable carries options after the path ("path,connect,nosuspend").
        string? path = port?.Split(',')[0];
        if (string.IsNullOrEmpty(path)) return;
        string? directory = Path.GetDirectoryName(path);
        // Only inside a directory of this very parent: the variable could have been inherited from elsewhere.
        if (directory is null || !Path.GetFileName(directory).StartsWith($"{PrivateDirectoryPrefix}{parentPid}-", StringComparison.Ordinal)) return;
        Try(() => File.Delete(path));
        // Non-recursive: the last sibling worker to get here removes the directory.
        Try(() => Directory.Delete(directory));
    }

    private static void RemoveParentDefaultSockets(int parentPid)
    {
        // A socket named for a pid that no longer lives is stale by definition; a living process keeps its own.
        if (!OperatingSystem.IsLinux()) return;
        // The orphan was re-parented, so the parent is exiting; its /proc entry can still read as running for a moment
        // (children are re-parented before the zombie state is set) or fail to read while it is reaped: up to 2 s.
        if (!ProcessLiveness.ExitsWithin(parentPid, TimeSpan.FromSeconds(2))) return;
        string[] sockets = [];
        Try(() => sockets = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{parentPid}-*-socket"));
        foreach (var socket in sockets) Try(() => File.Delete(socket));
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
