using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// What was known when an interval began: the readings the next snapshot's rates are taken against. A mark is kept
/// one interval longer than its readings are needed, so that a sliver of an interval (the last one, when a run ends a
/// few milliseconds after a snapshot) can be folded into the interval before it instead of giving rates over a few
/// milliseconds.
/// </summary>
internal sealed class IntervalMark(long timestamp)
{
    public long Timestamp { get; } = timestamp;

    /// <summary>The OS reading of each watched process that had one.</summary>
    public Dictionary<int, ProcessCounters> Readings { get; } = new();

    /// <summary>Each watched process's CPU time as known then: its reading's, or its own report once it exited.</summary>
    public Dictionary<int, double> ProcessCpuMs { get; } = new();

    /// <summary>Each process's thread-pool starvation adjustments so far (<see cref="RuntimeState.StarvationAdjustments"/>).</summary>
    public Dictionary<int, int> StarvationAdjustments { get; } = new();

    /// <summary>Each worker's latest report then (iterations and thread CPU time), by worker index.</summary>
    public Dictionary<int, WorkerReading> Workers { get; } = new();

    /// <summary>The followed run's iterations then; null without a run.</summary>
    public long? RunIterations { get; set; }

    /// <summary>The whole machine's busy CPU time then (all CPUs, steal included); null where unknown.</summary>
    public double? MachineBusyMs { get; set; }

    /// <summary>The contention collected over the interval that ended at this mark (to fold it into the next).</summary>
    public ContentionAccumulator Contention { get; set; } = new();

    /// <summary>Keeps where <paramref name="run"/> stands now: its iterations and each worker's latest report.</summary>
    /// <param name="iterations">the run's iterations as the snapshot read them (not read again: they move).</param>
    public void NoteRun(IObservedRun run, long iterations)
    {
        RunIterations = iterations;
        foreach (var worker in run.Workers) Workers[worker.Worker] = worker.Latest;
    }
}
