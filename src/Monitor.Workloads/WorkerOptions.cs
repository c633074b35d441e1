namespace Monitor.Workloads;

/// <summary>How the workers of one process compute: work kind and, in gil mode, the lock's policy.</summary>
public sealed record WorkerOptions(WorkKind Work, bool Gil, int SwitchMs, long LockBlock)
{
    public const int DefaultSwitchMs = 5;
    public const long DefaultLockBlock = 1_000;
}
