namespace Monitor.Export;

/// <summary>The attribute (label) names, from the OpenTelemetry semantic conventions where one exists; Monitor's own
/// under `monitor.`. Prometheus sees them with dots as underscores (process_pid, thread_name).</summary>
public static class Attributes
{
    public const string ProcessPid = "process.pid";
    public const string ProcessExecutableName = "process.executable.name";
    public const string HostName = "host.name";
    public const string CpuMode = "cpu.mode";
    public const string ThreadName = "thread.name";
    public const string ContextSwitchType = "process.context_switch_type";

    /// <summary>worker (a process of Monitor's run), external (a process Monitor attached to), monitor (itself).</summary>
    public const string ProcessRole = "monitor.process.role";

    /// <summary>The runtime's id of a lock (hex), as the contention events give it.</summary>
    public const string LockId = "monitor.lock.id";

    /// <summary>The method threads waited for the lock in (Namespace.Type.Method), once stacks have shown it
    /// (--stacks); a lock's series gains it then and keeps it.</summary>
    public const string LockWaitSite = "monitor.lock.wait_site";

    public const string WorkloadMode = "monitor.workload.mode";
    public const string WorkloadWork = "monitor.workload.work";
    public const string WorkloadRuntime = "monitor.workload.runtime";
    public const string WorkloadWorkers = "monitor.workload.workers";

    /// <summary>The thread.name (or monitor.lock.id) of the series that sums what is beyond the cap.</summary>
    public const string Other = "other";
}
