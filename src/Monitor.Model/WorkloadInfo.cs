using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>What is being watched: a workload Monitor runs, or an external process (Mode and Work are then null).</summary>
public sealed record WorkloadInfo(
    RunMode? Mode,
    WorkKind? Work,
    WorkerRuntime Runtime,
    [property: JsonRequired] int Workers,
    [property: JsonRequired] long N,
    [property: JsonRequired, JsonPropertyName("elapsedSec"), JsonConverter(typeof(Rounded3Converter))] double ElapsedSeconds,
    [property: JsonRequired] long Iterations,
    [property: JsonRequired] bool Finished);
