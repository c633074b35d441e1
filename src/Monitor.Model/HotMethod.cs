using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// A method of process <see cref="Pid"/> as the sampled stacks show it, weighted by what the operating system says
/// each thread ran: <see cref="SelfPercent"/> is the share of the process's CPU time spent in the method itself (it
/// was the leaf of the stack), <see cref="TotalPercent"/> the share spent in it or anything it called. A thread's
/// CPU counts only through the samples that found it running managed code, so a thread that both computes and blocks
/// lends its CPU to the computing stacks, not to the wait. Percentages of the process's CPU in the interval, so a
/// process's self percents add up to at most 100 (the rest ran where no managed stack was seen: native code, the GC).
/// <see cref="Callers"/>: the methods that called it, by the share of its samples.
/// </summary>
public sealed record HotMethod(
    [property: JsonRequired] int Pid,
    [property: JsonRequired] string Method,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double SelfPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double TotalPercent,
    IReadOnlyList<MethodShare>? Callers = null);

/// <summary>A method and the share (0..100) it has of something: a caller of a hot method and the share of the hot
/// method's samples it called it in.</summary>
public sealed record MethodShare(
    [property: JsonRequired] string Method,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double Percent);
