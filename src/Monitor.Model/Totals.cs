using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// Sums over the watched processes, Monitor itself left out. One meaning per field:
/// <list type="bullet">
/// <item>counts and times are cumulative since the run (or the attach) began: <see cref="CpuMs"/>,
/// <see cref="ContentionCount"/>, <see cref="ContentionWaitMs"/>, <see cref="GcCount"/>;</item>
/// <item>levels are the latest reading: <see cref="WorkingSetBytes"/>, <see cref="GcHeapBytes"/>,
/// <see cref="Progress"/>;</item>
/// <item>rates cover the snapshot's interval: <see cref="CpuPercent"/> (per core), <see cref="IterationsPerSec"/>,
/// <see cref="OtherCpuPercent"/>, and <see cref="EffectiveParallelism"/> (over the whole run once it has ended).</item>
/// </list>
/// EffectiveParallelism is work throughput in single threads' worth (see <see cref="Snapshots.EffectiveParallelism"/>):
/// unlike CPU %, it does not count time spent spinning on a lock. <see cref="ParallelismUncertain"/> says why it
/// cannot be read as the mode's figure (others took the CPUs), or is null.
/// </summary>
/// <remarks>In JSON (the <c>totals</c> of a snapshot line) the fields go in the order the line has always had:
/// <see cref="JsonPropertyOrderAttribute"/> puts the later ones where they were first written.</remarks>
public sealed record Totals(
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuPercent,
    [property: JsonRequired] long WorkingSetBytes,
    [property: JsonRequired] long GcHeapBytes,
    [property: JsonRequired, JsonConverter(typeof(Rounded0Converter))] double IterationsPerSec,
    [property: JsonRequired, JsonConverter(typeof(Rounded4Converter))] double Progress,
    [property: JsonConverter(typeof(Rounded2Converter))] double? EffectiveParallelism,
    [property: JsonRequired, JsonPropertyOrder(4)] long ContentionCount,
    [property: JsonRequired, JsonPropertyOrder(4), JsonConverter(typeof(Rounded3Converter))] double ContentionWaitMs,
    [property: JsonRequired, JsonPropertyOrder(4)] int GcCount,
    [property: JsonPropertyOrder(3), JsonConverter(typeof(Rounded1Converter))] double CpuMs = 0,
    [property: JsonPropertyOrder(2), JsonConverter(typeof(Rounded1Converter))] double? OtherCpuPercent = null,
    [property: JsonPropertyOrder(1), JsonPropertyName("effectiveParallelismUncertain")] string? ParallelismUncertain = null);
