namespace Monitor.Model;

/// <summary>
/// Sums over the watched processes, Monitor itself left out. One meaning per field:
/// <list type="bullet">
/// <item>counts and times are cumulative since the run (or the attach) began: <see cref="CpuMs"/>,
/// <see cref="ContentionCount"/>, <see cref="ContentionWaitMs"/>, <see cref="GcCount"/>;</item>
/// <item>levels are the latest reading: <see cref="WorkingSetBytes"/>, <see cref="GcHeapBytes"/>,
/// <see cref="Progress"/>;</item>
/// <item>rates cover the snapshot's interval: <see cref="CpuPercent"/> (per core), <see cref="IterationsPerSec"/>,
/// <see cref="OtherCpuPercent"/>, and <see cref="EffectiveParallelism"/> (over the whole run once it has ended).</item>
/// </list>
/// EffectiveParallelism is work throughput in single threads' worth (see <see cref="Snapshots.EffectiveParallelism"/>):
/// unlike CPU %, it does not count time spent spinning on a lock. <see cref="ParallelismUncertain"/> says why it
/// cannot be read as the mode's figure (others took the CPUs), or is null.
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
    int GcCount,
    double CpuMs = 0,
    double? OtherCpuPercent = null,
    string? ParallelismUncertain = null);
