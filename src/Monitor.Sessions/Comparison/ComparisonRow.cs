using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// One row of the comparison table: the medians of its runs so far and their spread. Speed-up is this row's compute
/// time against the single row's of the same runtime (median against median, start-up left out: see
/// <see cref="SpeedUp"/>); effective parallelism is the median of the runs' own (see <see cref="Snapshots.EffectiveParallelism"/>),
/// so a lock that makes threads spin does not count.
/// </summary>
public sealed record ComparisonRow(
    ComparisonRowSpec Spec,
    long N,
    WorkKind Work,
    int SwitchMs,
    IReadOnlyList<RowMeasurement> Runs,
    SpeedUpFigure? SpeedUpFigure)
{
    public int Repeats => Runs.Count;

    public double ElapsedMs => Median.Of(Runs.Select(r => (double?)r.Run.ElapsedMs)) ?? 0;
    public double ElapsedMinMs => Runs.Min(r => r.Run.ElapsedMs);
    public double ElapsedMaxMs => Runs.Max(r => r.Run.ElapsedMs);

    /// <summary>The speed-up over the single row, when it is one K workers can make; null otherwise (and for single).</summary>
    public double? Speedup => SpeedUpFigure?.Certain;

    /// <summary>Why the quotient over the single row is not shown as a speed-up, or null.</summary>
    public string? SpeedupUncertain => SpeedUpFigure?.Uncertain;

    public double? EffectiveParallelism => Median.Of(Runs.Select(r => r.Run.EffectiveParallelism));

    /// <summary>Why a run's effective parallelism cannot be read as the mode's (the first run that says so), or null.</summary>
    public string? ParallelismUncertain => Runs.Select(r => r.Run.ParallelismUncertain).FirstOrDefault(u => u is not null);

    public double? CpuMs => Median.Of(Runs.Select(r => r.Run.CpuMs));
    public long? PeakWorkingSetBytes => (long?)Median.Of(Runs.Select(r => (double?)r.Run.PeakWorkingSetBytes));
    public double? StartupMs => Median.Of(Runs.Select(r => r.Run.StartupMs));
    public int ProcessCount => Runs.Max(r => r.Run.ProcessCount ?? 0);
    public long? ContentionCount => (long?)Median.Of(Runs.Select(r => (double?)r.Run.ContentionCount));
    public double? ContentionWaitMs => Median.Of(Runs.Select(r => r.Run.ContentionWaitMs));
    public int? GcCount => (int?)Median.Of(Runs.Select(r => (double?)r.Run.GcCount));
    public double? OtherCpuPercent => Median.Of(Runs.Select(r => r.OtherCpuPercent));
    public double? OtherCpuMaxPercent => Runs.Max(r => r.OtherCpuPercent);

    /// <summary>Every run completed with the exact sum.</summary>
    public bool Correct => Runs.Count > 0 && Runs.All(r => r.Run.Correct);

    public string? Failure => Runs.Select(r => r.Run).Where(r => !r.Correct).Select(r => r.Failure).FirstOrDefault();

    /// <param name="single">the same runtime's single row so far; null for the single row itself, which has no
    /// speed-up: it is the baseline.</param>
    public static ComparisonRow Of(ComparisonRowSpec spec, long n, WorkKind work, int switchMs, IReadOnlyList<RowMeasurement> runs,
        ComparisonRow? single)
    {
        var row = new ComparisonRow(spec, n, work, switchMs, runs, null);
        if (spec.Mode == RunMode.Single || single is null || !single.Correct) return row;
        return row with { SpeedUpFigure = SpeedUp.Of(single.ElapsedMs, single.StartupMs, row.ElapsedMs, row.StartupMs, spec.Workers) };
    }
}
