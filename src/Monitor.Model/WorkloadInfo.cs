using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>What is being watched: a workload Monitor runs, or an external process (Mode and Work are then null).</summary>
public sealed record WorkloadInfo(
    RunMode? Mode,
    WorkKind? Work,
    WorkerRuntime Runtime,
    int Workers,
    long N,
    [property: JsonPropertyName("elapsedSec"), JsonConverter(typeof(Rounded3Converter))] double ElapsedSeconds,
    long Iterations,
    bool Finished);
