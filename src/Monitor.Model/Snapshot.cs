namespace Monitor.Model;

/// <summary>
/// Everything known about the watched processes over one interval, immutable. <see cref="T"/> is seconds since the
/// session started; <see cref="IntervalSeconds"/> is the length of the interval the rates cover.
/// </summary>
public sealed record Snapshot(
    DateTimeOffset Time,
    double T,
    double IntervalSeconds,
    WorkloadInfo? Workload,
    IReadOnlyList<ProcessSample> Processes,
    IReadOnlyList<ThreadSample> Threads,
    ContentionSample Contention,
    Totals Totals);
