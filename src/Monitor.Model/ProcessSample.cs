using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>One process over one interval. CPU % is per core: 100 = one core busy. <see cref="DiagnosticsStatus"/> says
/// what is wrong with watching it, e.g. "runtime events stopped: ..." once its EventPipe session failed while it ran on
/// (its GC and contention figures then stop; the OS figures go on); null while all is well.
/// <see cref="UserMs"/> + <see cref="SystemMs"/> = <see cref="CpuMs"/>, cumulative since watching began like it (null
/// where the source does not split it); <see cref="ContentionCount"/> and <see cref="ContentionWaitMs"/> are this
/// process's own lock contentions since watching began (null without its runtime's events); exporters read these,
/// the JSON lines carry the sums in their totals instead. <see cref="Runtime"/> (JSON <c>runtime</c>) is null where
/// the runtime's counters are not read (Monitor's own workers).</summary>
public sealed record ProcessSample(
    [property: JsonRequired] int Pid,
    [property: JsonRequired] string Name,
    [property: JsonRequired] ProcessRole Role,
    [property: JsonRequired] long WorkingSetBytes,
    [property: JsonRequired] long PeakWorkingSetBytes,
    long? GcHeapBytes,
    int? GcCount,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuPercent,
    [property: JsonConverter(typeof(Rounded1Converter))] double CpuMs,
    [property: JsonRequired] int ThreadCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Exited,
    string? DiagnosticsStatus = null,
    [property: JsonIgnore] double? UserMs = null,
    [property: JsonIgnore] double? SystemMs = null,
    [property: JsonIgnore] long? ContentionCount = null,
    [property: JsonIgnore] double? ContentionWaitMs = null,
    RuntimeSample? Runtime = null);

