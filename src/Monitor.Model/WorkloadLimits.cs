namespace Monitor.Model;

/// <summary>The bounds every entry point validates against, in one place.</summary>
public static class WorkloadLimits
{
    /// <summary>Largest N accepted. The kernel adds each chunk in 64 unsigned bits, so a chunk's length times N must
    /// stay below 2^64; 10^13 leaves room for chunks of 2^20 and is ~40 minutes of a single thread here.</summary>
    public const long MaxN = 10_000_000_000_000;

    /// <summary>Smallest N accepted: one integer (0) to sum.</summary>
    public const long MinN = 1;

    /// <summary>Worker threads in one process (threads, gil).</summary>
    public const int MaxThreads = 256;

    /// <summary>Worker processes: each is a runtime of ~50 MB.</summary>
    public const int MaxProcesses = 64;

    public const int MaxSwitchMs = 10_000;
    public const int MaxLockBlock = 100_000_000;

    /// <summary>gil: how long a holder computes before it hands the lock on, as CPython's switch interval.</summary>
    public const int DefaultSwitchMs = 5;

    /// <summary>gil --switch-ms 0: iterations per hold of the lock.</summary>
    public const long DefaultLockBlock = 1_000;

    /// <summary>K when none is given: the logical CPUs, at least 2 (so the multi-worker modes have something to show).</summary>
    public static int DefaultWorkers => Math.Max(2, Environment.ProcessorCount);

    /// <summary>The most workers a multi-worker run of <paramref name="mode"/> may have; for single, what threads allow
    /// (the K a session keeps for its next multi-worker run).</summary>
    public static int MaxK(RunMode mode) => MaxWorkers(mode == RunMode.Single ? RunMode.Threads : mode);

    public static int MaxWorkers(RunMode mode) => mode switch
    {
        RunMode.Single => 1,
        RunMode.Processes => MaxProcesses,
        _ => MaxThreads,
    };
}
