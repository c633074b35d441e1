namespace Monitor.Model;

/// <summary>One process over one interval. CPU % is per core: 100 = one core busy. <see cref="DiagnosticsStatus"/> says
/// what is wrong with watching it, e.g. "runtime events stopped: ..." once its EventPipe session failed while it ran on
/// (its GC and contention figures then stop; the OS figures go on); null while all is well.
/// <see cref="UserMs"/> + <see cref="SystemMs"/> = <see cref="CpuMs"/>, cumulative since watching began like it (null
/// where the source does not split it); <see cref="ContentionCount"/> and <see cref="ContentionWaitMs"/> are this
/// process's own lock contentions since watching began (null without its runtime's events); <see cref="ThreadPool"/>
/// is null where the runtime's counters are not read (Monitor's own workers). Exporters read these;
/// the JSON lines carry the sums in their totals.</summary>
public sealed record ProcessSample(
    int Pid,
    string Name,
    ProcessRole Role,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long? GcHeapBytes,
    int? GcCount,
    double CpuPercent,
    double CpuMs,
    int ThreadCount,
    bool Exited,
    string? DiagnosticsStatus = null,
    double? UserMs = null,
    double? SystemMs = null,
    long? ContentionCount = null,
    double? ContentionWaitMs = null,
    ThreadPoolSample? ThreadPool = null);

/// <summary>A process's thread pool as its runtime's counters say: threads now, work items queued now, work items
/// completed since watching began.</summary>
public sealed record ThreadPoolSample(long Threads, long QueueLength, long CompletedItems);
