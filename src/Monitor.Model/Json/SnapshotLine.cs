using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// A snapshot as the <c>{"type":"snapshot",...}</c> line of `run --json`, `attach --json`, `replay --json` and a
/// recording's snapshots.jsonl: the snapshot's own records (their JSON shape is on them) with the timeline's fields
/// first and the totals' progress repeated at the top, where scripts read it. Written and read through this one record
/// (<see cref="SnapshotJson"/>), so the writer and the reader cannot disagree.
/// </summary>
public sealed record SnapshotLine(
    [property: JsonRequired] string Type,
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double T,
    DateTimeOffset Time,
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double IntervalSec,
    [property: JsonConverter(typeof(Rounded4Converter))] double Progress,
    WorkloadInfo? Workload,
    [property: JsonRequired] IReadOnlyList<ProcessSample> Processes,
    [property: JsonRequired] IReadOnlyList<ThreadSample> Threads,
    [property: JsonRequired] ContentionSample Contention,
    [property: JsonRequired] Totals Totals)
{
    public IReadOnlyList<HotMethod>? HotMethods { get; init; }

    public StackSampling? Stacks { get; init; }

    public ThreadReader? ThreadReader { get; init; }

    /// <summary>The <see cref="Type"/> of every snapshot line.</summary>
    public const string SnapshotType = "snapshot";

    public static SnapshotLine Of(Snapshot s) =>
        new(SnapshotType, s.T, s.Time, s.IntervalSeconds, s.Totals.Progress, s.Workload, s.Processes, s.Threads, s.Contention, s.Totals)
        {
            HotMethods = s.HotMethods,
            Stacks = s.Stacks,
            ThreadReader = s.ThreadReader,
        };

    /// <summary>The snapshot again, its figures as rounded as they were written.</summary>
    public Snapshot ToSnapshot() => new(Time, T, IntervalSec, Workload, Processes, Threads, Contention, Totals)
    {
        HotMethods = HotMethods,
        Stacks = Stacks,
        ThreadReader = ThreadReader,
    };
}
