using Monitor.Workloads;

namespace Monitor.Cli.Comparison;

/// <summary>
/// One row of the comparison table: the medians of its runs so far and their spread. Speed-up is this row against
/// the single row of the same runtime (median against median); effective parallelism is this row's throughput
/// divided by one thread's throughput measured on this machine, so a lock that makes threads spin does not count.
/// </summary>
public sealed record ComparisonRow(
    ComparisonRowSpec Spec,
    long N,
    WorkKind Work,
    int SwitchMs,
    IReadOnlyList<RowMeasurement> Runs,
    double? Speedup,
    double? EffectiveParallelism)
{
    public int Repeats => Runs.Count;

    public double ElapsedMs => Median.Of(Runs.Select(r => (double?)r.Observed.Result.ElapsedMs)) ?? 0;
    public double ElapsedMinMs => Runs.Min(r => r.Observed.Result.ElapsedMs);
    public double ElapsedMaxMs => Runs.Max(r => r.Observed.Result.ElapsedMs);

    public double? CpuMs => Median.Of(Runs.Select(r => r.Observed.Result.CpuMs));
    public long? PeakWorkingSetBytes => (long?)Median.Of(Runs.Select(r => (double?)r.Observed.Result.PeakWorkingSetBytes));
    public double? StartupMs => Median.Of(Runs.Select(r => r.Observed.Result.StartupMs));
    public int ProcessCount => Runs.Max(r => r.Observed.Result.ProcessCount);
    public long? ContentionCount => (long?)Median.Of(Runs.Select(r => (double?)r.Observed.Diagnostics.ContentionCount));
    public double? ContentionWaitMs => Median.Of(Runs.Select(r => r.Observed.Diagnostics.ContentionWaitMs));
    public int? GcCount => (int?)Median.Of(Runs.Select(r => (double?)r.Observed.Diagnostics.GcCount));
    public double? OtherCpuPercent => Median.Of(Runs.Select(r => r.OtherCpuPercent));
    public double? OtherCpuMaxPercent => Runs.Max(r => r.OtherCpuPercent);

    /// <summary>Every run completed with the exact sum.</summary>
    public bool Correct => Runs.Count > 0 && Runs.All(r => r.Observed.Result.Correct);

    public string? Failure => Runs.Select(r => r.Observed.Result)
        .Where(r => !r.Correct)
        .Select(r => r.Failure ?? $"wrong sum: expected {r.Expected}, got {r.Sum}")
        .FirstOrDefault();

    /// <param name="singleElapsedMs">the median wall time of the same runtime's single row.</param>
    /// <param name="singleThreadRate">one thread's iterations per second on this machine, in this runtime.</param>
    public static ComparisonRow Of(ComparisonRowSpec spec, long n, WorkKind work, int switchMs, IReadOnlyList<RowMeasurement> runs,
        double? singleElapsedMs, double? singleThreadRate)
    {
        double elapsed = Median.Of(runs.Select(r => (double?)r.Observed.Result.ElapsedMs)) ?? 0;
        double? speedup = singleElapsedMs is > 0 && elapsed > 0 ? singleElapsedMs / elapsed : null;
        double? parallelism = singleThreadRate is > 0 && elapsed > 0 ? n / (elapsed / 1000) / singleThreadRate : null;
        return new ComparisonRow(spec, n, work, switchMs, runs, speedup, parallelism);
    }
}
