using Monitor.Model;

namespace Monitor.Export;

using Tags = KeyValuePair<string, object?>[];

/// <summary>
/// What the instruments report at a collection: the latest snapshot's figures, with every counter cumulative and every
/// series already capped (<see cref="ExportView"/> builds it). Immutable, and swapped whole, so a scrape on another
/// thread always reads one snapshot's figures.
/// </summary>
public sealed record ExportFrame(
    IReadOnlyList<ProcessPoint> Processes,
    IReadOnlyList<ThreadPoint> Threads,
    IReadOnlyList<LockPoint> Locks,
    WorkloadPoint? Workload)
{
    public static readonly ExportFrame Empty = new([], [], [], null);

    /// <summary>How many series the frame gives (each metric's data points added up).</summary>
    public int SeriesCount =>
        Processes.Sum(p => 2 + (p.UserSeconds is null ? 1 : 2) + (p.GcCollections is null ? 0 : 1) + (p.GcHeapBytes is null ? 0 : 1) + (p.Contentions is null ? 0 : 1) + (p.Runtime?.ThreadPoolThreads is null ? 0 : 3))
        + Threads.Count * 6 + Locks.Count * 2 + (Workload is null ? 0 : Workload.EffectiveParallelism is null ? 2 : 3);
}

/// <summary>One watched process: CPU seconds since watching began (user and system, or only the total where the
/// source does not split it), resident memory, threads, and its runtime's figures where its events are read (the
/// thread pool where its counters are: a process attached to).</summary>
public sealed record ProcessPoint(
    int Pid,
    string Executable,
    ProcessRole Role,
    double CpuSeconds,
    double? UserSeconds,
    double? SystemSeconds,
    long MemoryBytes,
    int Threads,
    long? GcCollections,
    long? GcHeapBytes,
    long? Contentions,
    RuntimeSample? Runtime = null)
{
    internal Tags Tags { get; } = [
        new(Attributes.ProcessPid, Pid),
        new(Attributes.ProcessExecutableName, Executable),
        new(Attributes.ProcessRole, Role.Name())];
}

/// <summary>The threads of one process that share a name (or the "other" series beyond the cap): CPU seconds, seconds
/// runnable but waiting for a CPU, voluntary (blocked) and involuntary (preempted) context switches, all cumulative
/// since the series began (null where the system's thread reader does not count them: no series is exported then); CPU
/// in cores over the last interval; how many such threads are alive.</summary>
public sealed record ThreadPoint(
    int Pid,
    string Executable,
    string ThreadName,
    int Threads,
    double CpuSeconds,
    double? CpuWaitSeconds,
    double? VoluntarySwitches,
    double? InvoluntarySwitches,
    double Utilization)
{
    internal Tags Tags { get; } = [
        new(Attributes.ProcessPid, Pid),
        new(Attributes.ProcessExecutableName, Executable),
        new(Attributes.ThreadName, ThreadName)];
}

/// <summary>One lock of one process (or the "other" locks beyond the cap): contentions and seconds waited for it,
/// cumulative since the series began.</summary>
public sealed record LockPoint(int Pid, string Executable, string LockId, long Contentions, double WaitSeconds, string? WaitSite = null)
{
    internal Tags Tags { get; } = WaitSite is null
        ? [new(Attributes.ProcessPid, Pid), new(Attributes.ProcessExecutableName, Executable), new(Attributes.LockId, LockId)]
        : [new(Attributes.ProcessPid, Pid), new(Attributes.ProcessExecutableName, Executable), new(Attributes.LockId, LockId), new(Attributes.LockWaitSite, WaitSite)];
}

/// <summary>Monitor's own workload, in a `run`: iterations done, progress (0..1) and effective parallelism.</summary>
public sealed record WorkloadPoint(string Mode, string Work, string Runtime, int Workers, long Iterations, double Progress, double? EffectiveParallelism)
{
    internal Tags Tags { get; } = [
        new(Attributes.WorkloadMode, Mode),
        new(Attributes.WorkloadWork, Work),
        new(Attributes.WorkloadRuntime, Runtime),
        new(Attributes.WorkloadWorkers, Workers)];
}
