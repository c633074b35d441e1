using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// One line of a recording's os-samples.jsonl: a process's raw OS counters as the sampler read them, at
/// <see cref="T"/> seconds since the recording started. Counters are cumulative (CPU since the thread started), so any
/// later line supersedes an earlier one and a lost line loses no totals. A process's last line may be
/// <c>"final": true</c>: its CPU time and peak memory as it read them from the OS itself just before it exited, with
/// no threads.
/// </summary>
public sealed record OsSampleLine(
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double T,
    [property: JsonRequired] DateTimeOffset Time,
    [property: JsonRequired] int Pid,
    [property: JsonRequired] string Name,
    [property: JsonRequired] long WorkingSetBytes,
    [property: JsonRequired] long PeakWorkingSetBytes,
    [property: JsonRequired] double UserMs,
    [property: JsonRequired] double SystemMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Final,
    [property: JsonRequired] IReadOnlyList<ThreadCounters> Threads);
