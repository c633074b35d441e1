using Monitor.Model;

namespace Monitor.Workloads;

/// <summary>How the workers of one process compute: work kind and, in gil mode, the lock's policy.</summary>
public sealed record WorkerOptions(WorkKind Work, bool Gil, int SwitchMs, long LockBlock)
{
    public const int DefaultSwitchMs = WorkloadLimits.DefaultSwitchMs;
    public const long DefaultLockBlock = WorkloadLimits.DefaultLockBlock;
}
