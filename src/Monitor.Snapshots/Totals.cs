namespace Monitor.Snapshots;

/// <summary>
/// Sums over the observed processes. EffectiveParallelism is work throughput divided by the single-thread throughput
/// measured on this machine: unlike CPU %, it does not count time spent spinning on a lock.
/// </summary>
public sealed record Totals(
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    double IterationsPerSec,
    double Progress,
    double? EffectiveParallelism,
    long ContentionCount,
    double ContentionWaitMs,
    int GcCount);
