using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>`monitor compare --format json`: one document: the settings, the machine's capacity, one thread's rate per
/// runtime (whole iterations per second), the rows, notes and the reading.</summary>
public sealed record ComparisonLine
{
    public string Type => "comparison";

    /// <summary>When the comparison ran, round-trip format ("O").</summary>
    public required string Date { get; init; }

    public required int Workers { get; init; }
    public required WorkKind Work { get; init; }
    public required int Repeat { get; init; }
    public required ComparisonCapacity Capacity { get; init; }
    public required IReadOnlyDictionary<WorkerRuntime, long> SingleThreadIterationsPerSec { get; init; }
    public required bool OtherLoadSignificant { get; init; }
    public required IReadOnlyList<ComparisonRowLine> Rows { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyList<string> Reading { get; init; }
}

/// <summary>What this machine gives K independent busy workers (<c>capacity</c>).</summary>
public sealed record ComparisonCapacity(
    int LogicalCpus,
    int Workers,
    [property: JsonConverter(typeof(Rounded3Converter))] double Parallelism,
    [property: JsonConverter(typeof(Rounded0Converter))] double SingleIterationsPerSec,
    [property: JsonConverter(typeof(Rounded0Converter))] double ParallelIterationsPerSec,
    [property: JsonConverter(typeof(Rounded1Converter))] double? OtherCpuPercent,
    string? Uncertain);

/// <summary>
/// One row of a comparison, in the JSON and, field for field and in this order, as the CSV's columns (an unmeasured
/// value, null, is left out of the JSON and an empty CSV field). Where a field exists in `run --json`'s result line it
/// has the same name and unit; later versions add fields, never rename them.
/// </summary>
public sealed record ComparisonRowLine(
    RunMode Mode,
    RunMode MeasuredAs,
    WorkerRuntime Runtime,
    WorkKind Work,
    int Workers,
    long N,
    int Repeats,
    [property: JsonConverter(typeof(Rounded1Converter))] double ElapsedMs,
    [property: JsonConverter(typeof(Rounded1Converter))] double ElapsedMinMs,
    [property: JsonConverter(typeof(Rounded1Converter))] double ElapsedMaxMs,
    [property: JsonConverter(typeof(Rounded3Converter))] double? Speedup,
    string? SpeedupUncertain,
    [property: JsonConverter(typeof(Rounded2Converter))] double? EffectiveParallelism,
    string? EffectiveParallelismUncertain,
    [property: JsonConverter(typeof(Rounded1Converter))] double? CpuMs,
    long? PeakWorkingSetBytes,
    [property: JsonConverter(typeof(Rounded1Converter))] double? StartupMs,
    int ProcessCount,
    long? ContentionCount,
    [property: JsonConverter(typeof(Rounded3Converter))] double? ContentionWaitMs,
    int? GcCount,
    [property: JsonConverter(typeof(Rounded1Converter))] double? OtherCpuPercent,
    [property: JsonConverter(typeof(Rounded1Converter))] double? OtherCpuMaxPercent,
    int? SwitchMs,
    bool Correct,
    string? Failure);
