using Monitor.Model;
using Monitor.Runners;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// The effective parallelism snapshots give of the followed run: over each interval while it goes; once it has
/// ended, over the whole run as its result gives it (the figure its result line gives, with what the rest of the
/// machine used meanwhile), since an interval after the end has no work in it and would read 0.00 under DONE. Raises
/// one thread's rate as workers are seen doing more per CPU second. Not thread-safe: the aggregator locks.
/// </summary>
/// <param name="singleThreadRate">the unit of the figure; null: no figure (attach).</param>
internal sealed class ParallelismEstimator(SingleThreadRate? singleThreadRate, int logicalCpus, TimeProvider time)
{
    private IntervalMark? _runStart;

    /// <summary>The figure of the followed run once it has ended, as its last snapshot gave it; null before.</summary>
    public RunParallelism? CompletedRun { get; private set; }

    /// <summary>A new run is followed: its figure over its whole time is not known yet.</summary>
    public void Follow() => CompletedRun = null;

    /// <summary>The followed run's whole time starts at <paramref name="start"/> (what the machine and Monitor had used
    /// by then is in it).</summary>
    public void RunStartsAt(IntervalMark start) => _runStart = start;

    /// <summary>Raises one thread's rate when a worker did more per CPU second from <paramref name="from"/> to
    /// <paramref name="mark"/> (each worker's report, iterations and its thread's CPU time, as the marks kept it).</summary>
    public void LearnRate(IntervalMark from, IntervalMark mark)
    {
        if (singleThreadRate is null) return;
        foreach (var (worker, latest) in mark.Workers)
        {
            if (from.Workers.TryGetValue(worker, out var earlier) && latest.CpuMs is { } cpu && earlier.CpuMs is { } cpuBefore)
            {
                singleThreadRate.Observe(latest.Iterations - earlier.Iterations, cpu - cpuBefore);
            }
        }
    }

    /// <summary>The figure for an interval of <paramref name="seconds"/> in which the run did
    /// <paramref name="iterations"/> and its processes got <paramref name="workersCpuMs"/>, or the whole run's once it
    /// has ended; with why it is uncertain (null: it is not).</summary>
    /// <param name="others">the CPU the rest of the machine used over the interval, per core.</param>
    /// <param name="machineBusyMs">the machine's busy CPU time now, for what others used over the whole run.</param>
    /// <param name="watched">the processes watched now: Monitor's own CPU over the run is not the others'.</param>
    public (double? Value, string? Uncertain) Of(IObservedRun? run, double iterations, double seconds, double workersCpuMs, double? others,
        double? machineBusyMs, IEnumerable<WatchedProcess> watched)
    {
        if (singleThreadRate is null || run is null) return (null, null);
        if (run.IsCompleted && run.Completion.IsCompletedSuccessfully)
        {
            CompletedRun ??= WholeRun(run.Completion.Result, machineBusyMs, watched);
            return (CompletedRun.Figure?.Value, CompletedRun.Uncertain);
        }
        var figure = EffectiveParallelism.Of(iterations, seconds, singleThreadRate.Value, workersCpuMs, logicalCpus);
        return figure is { } f ? (f.Value, EffectiveParallelism.Uncertainty(f, others, logicalCpus)) : (null, null);
    }

    /// <summary>The whole run's figure, from its result, and what the rest of the machine used over the run.</summary>
    private RunParallelism WholeRun(RunResult result, double? machineBusyMs, IEnumerable<WatchedProcess> watched)
    {
        double? others = null;
        if (_runStart is { MachineBusyMs: { } busyAtStart } start && machineBusyMs is { } busyNow && result.CpuMs is { } workers && result.ElapsedMs > 0)
        {
            double monitor = watched.Where(w => w.Role == ProcessRole.Monitor)
                .Sum(w => (w.LastShown?.CpuMs ?? 0) + w.CpuBaselineMs - start.ProcessCpuMs.GetValueOrDefault(w.Pid));
            double seconds = (time.GetTimestamp() - start.Timestamp) / (double)time.TimestampFrequency;
            others = Math.Clamp((busyNow - busyAtStart - workers - monitor) / (seconds * 10), 0, logicalCpus * 100.0);
        }
        return RunParallelism.Of(result, singleThreadRate!, logicalCpus, others);
    }
}
