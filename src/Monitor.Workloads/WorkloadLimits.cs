namespace Monitor.Workloads;

/// <summary>The bounds every entry point validates against, in one place.</summary>
public static class WorkloadLimits
{
    /// <summary>Largest N accepted. The kernel adds each chunk in 64 unsigned bits, so a chunk's length times N must
    /// stay below 2^64; 10^13 leaves room for chunks of 2^20 and is ~40 minutes of a single thread here.</summary>
    public const long MaxN = 10_000_000_000_000;

    /// <summary>Worker threads in one process (threads, gil).</summary>
    public const int MaxThreads = 256;

    /// <summary>Worker processes: each is a runtime of ~50 MB.</summary>
    public const int MaxProcesses = 64;

    public const int MaxSwitchMs = 10_000;
    public const int MaxLockBlock = 100_000_000;

    public static int MaxWorkers(RunMode mode) => mode switch
    {
        RunMode.Single => 1,
        RunMode.Processes => MaxProcesses,
        _ => MaxThreads,
    };
}
