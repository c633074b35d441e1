using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Sessions.Comparison;

/// <summary>A finished comparison: the machine's capacity, one thread's rate per runtime, the rows in matrix order,
/// and notes (rows skipped and why).</summary>
public sealed record ComparisonReport(
    DateTimeOffset Date,
    ComparisonSettings Settings,
    MachineCapacity Capacity,
    IReadOnlyDictionary<WorkerRuntime, double> SingleThreadRates,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<string> Notes)
{
    public bool AllCorrect => Rows.All(r => r.Correct);

    /// <summary>The most other processes took of the machine, per core, during the capacity measurement or any run.</summary>
    public double? MaxOtherCpuPercent => Rows.Select(r => r.OtherCpuMaxPercent).Append(Capacity.OtherCpuPercent).Max();

    /// <summary>Other load was high enough, or the capacity low enough, that the machine rather than the modes may
    /// explain part of the figures.</summary>
    public bool OtherLoadSignificant =>
        MaxOtherCpuPercent >= OtherLoadMeter.SignificantPercent
        || Capacity.Uncertain is not null
        || Capacity.Parallelism < 0.85 * Math.Min(Capacity.Workers, Capacity.LogicalCpus);

    /// <summary>The plain-words reading of this run's figures.</summary>
    public IReadOnlyList<string> Reading => ComparisonReading.Lines(this);
}
