namespace Monitor.Model;

/// <summary>
/// Everything known about the watched processes over one interval, immutable. <see cref="T"/> is seconds since the
/// session started; <see cref="IntervalSeconds"/> is the length of the interval the rates cover.
/// <see cref="HotMethods"/> and <see cref="Stacks"/> are set while stacks are sampled (attach with s or --stacks).
/// </summary>
public sealed record Snapshot(
    DateTimeOffset Time,
    double T,
    double IntervalSeconds,
    WorkloadInfo? Workload,
    IReadOnlyList<ProcessSample> Processes,
    IReadOnlyList<ThreadSample> Threads,
    ContentionSample Contention,
    Totals Totals)
{
    /// <summary>The methods the watched processes' CPU went to, hottest first (self time); null without stacks.</summary>
    public IReadOnlyList<HotMethod>? HotMethods { get; init; }

    /// <summary>How the stacks were taken; null when stacks were never asked for.</summary>
    public StackSampling? Stacks { get; init; }

    /// <summary>Whose accounting the thread figures come from; null where no thread was read (a replay of a
    /// recording made before readers were named, a session without an OS reader).</summary>
    public ThreadReader? ThreadReader { get; init; }
}
