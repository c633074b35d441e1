using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// Everything Monitor writes or reads as JSON, source-generated (no reflection, nothing to warm up per type at run
/// time). A record's JSON shape is on the record: names are camelCase unless a <see cref="JsonPropertyNameAttribute"/>
/// says otherwise, an optional field is null and then left out, figures are rounded by their
/// <see cref="RoundedConverter"/>, sums are <see cref="DecimalStringConverter"/> strings, and every enum is its word
/// (<see cref="Words"/>). Field order is declaration order, or <see cref="JsonPropertyOrderAttribute"/> where a field
/// was added later to a record whose JSON kept its order. Indentation and escaping come from the writer it is given.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // A worker line's "type" need not come first (Python's json.dumps keeps the order it is given).
    AllowOutOfOrderMetadataProperties = true,
    Converters =
    [
        typeof(WordConverter<RunMode>),
        typeof(WordConverter<WorkKind>),
        typeof(WordConverter<WorkerRuntime>),
        typeof(WordConverter<ProcessRole>),
        typeof(WordConverter<ThreadRole>),
        typeof(WordConverter<RunOutcome>),
    ])]
[JsonSerializable(typeof(WorkerMessage))]
[JsonSerializable(typeof(SnapshotLine))]
[JsonSerializable(typeof(LockSample))]
[JsonSerializable(typeof(ResultLine))]
[JsonSerializable(typeof(CalibrationLine))]
[JsonSerializable(typeof(ProgressLine))]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(OsSampleLine))]
[JsonSerializable(typeof(AnalysisLine))]
[JsonSerializable(typeof(ComparisonLine))]
public sealed partial class MonitorJsonContext : JsonSerializerContext;
