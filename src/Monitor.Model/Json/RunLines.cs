using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>`run --json`'s first line when N is auto: the N chosen from one thread's measured rate, to take about
/// <see cref="TargetSeconds"/>.</summary>
public sealed record CalibrationLine(long N, [property: JsonConverter(typeof(Rounded0Converter))] double IterationsPerSec, double TargetSeconds)
{
    [JsonPropertyOrder(-1)]
    public string Type => "calibration";
}

/// <summary>`run --json --diagnostics none`'s line per interval: how far the run has got (no snapshots then).</summary>
public sealed record ProgressLine(
    [property: JsonConverter(typeof(Rounded3Converter))] double T,
    [property: JsonConverter(typeof(Rounded4Converter))] double Progress,
    long Iterations)
{
    [JsonPropertyOrder(-1)]
    public string Type => "progress";
}
