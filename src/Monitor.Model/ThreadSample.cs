using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// One thread over one interval, from the operating system's own accounting. CPU % is per core (100 = one core);
/// CpuWaitPercent is the share of the interval it was runnable but waiting for a CPU; BlockedPerSec counts voluntary
/// context switches (it blocked), PreemptedPerSec involuntary ones. IterationsPerSec is set for worker threads.
/// </summary>
public sealed record ThreadSample(
    [property: JsonRequired] int Pid,
    [property: JsonRequired] int Tid,
    [property: JsonRequired] string Name,
    [property: JsonRequired] ThreadRole Role,
    int? Worker,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double UserPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double SystemPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuWaitPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double BlockedPerSec,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double PreemptedPerSec,
    [property: JsonConverter(typeof(Rounded0Converter))] double? IterationsPerSec,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuMs,
    [property: JsonRequired] char State);
