using Monitor.Model;

namespace Monitor.Sessions.Comparison;

/// <summary>One run of one row, and how much CPU other processes on the machine used meanwhile (per core: 100 = one
/// core; null where it cannot be measured).</summary>
public sealed record RowMeasurement(RunSummary Run, double? OtherCpuPercent);
