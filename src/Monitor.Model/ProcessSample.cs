using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>One process over one interval. CPU % is per core: 100 = one core busy. <see cref="DiagnosticsStatus"/> says
/// what is wrong with watching it, e.g. "runtime events stopped: ..." once its EventPipe session failed while it ran on
/// (its GC and contention figures then stop; the OS figures go on); null while all is well.</summary>
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
    string? DiagnosticsStatus = null);
