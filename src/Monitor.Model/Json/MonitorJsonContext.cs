using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// Everything Monitor writes or reads as JSON goes through this one source-generated context (no reflection). A
/// record's JSON shape is on the record: names are camelCase unless a <see cref="JsonPropertyNameAttribute"/> says
/// otherwise; an optional field is null and then left out; a field every Monitor has always written is
/// <see cref="JsonRequiredAttribute"/>, so a damaged line is refused rather than read with a zero; figures are rounded
/// by their <see cref="RoundedConverter"/>; sums are <see cref="DecimalStringConverter"/> strings; every enum is its
/// word (<see cref="Words"/>). Field order is declaration order, or <see cref="JsonPropertyOrderAttribute"/> where a
/// field was added later to a record whose JSON kept its order. Indentation and escaping come from the writer it is
/// given. The serializer's first use costs a process tens of ms of CPU: see <see cref="JsonWarmUp"/> and
/// <see cref="WorkerMessage.Format"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // A worker line's "type" may stand anywhere in it, as the hand-written reader allowed.
    AllowOutOfOrderMetadataProperties = true,
    Converters =
    [
        typeof(WordConverter<RunMode>),
        typeof(WordConverter<WorkKind>),
        typeof(WordConverter<WorkerRuntime>),
        typeof(WordConverter<ProcessRole>),
        typeof(WordConverter<ThreadRole>),
        typeof(WordConverter<RunOutcome>),
        typeof(WordConverter<ThreadReader>),
    ])]
[JsonSerializable(typeof(WorkerMessage))]
[JsonSerializable(typeof(SnapshotLine))]
[JsonSerializable(typeof(ResultLine))]
[JsonSerializable(typeof(CalibrationLine))]
[JsonSerializable(typeof(ProgressLine))]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(OsSampleLine))]
[JsonSerializable(typeof(AnalysisLine))]
[JsonSerializable(typeof(ComparisonLine))]
public sealed partial class MonitorJsonContext : JsonSerializerContext;
