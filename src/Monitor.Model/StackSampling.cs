using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// How the stacks in a snapshot were taken: the runtime's sample profiler runs in bursts of
/// <see cref="BurstSeconds"/> every <see cref="PeriodSeconds"/> (it stops every managed thread about once a
/// millisecond while it runs, so it is not left on). <see cref="AgeSeconds"/>: how long ago the burst the stacks come
/// from ended; <see cref="Samples"/>: how many stacks it took. <see cref="CostPercent"/>: the CPU the target's own
/// diagnostics threads used for the bursts, averaged over the period, per core (null until measured): the part of the
/// cost the operating system can see; the pauses of the sampled threads come on top (docs/performance.md).
/// <see cref="Status"/> says why there are no stacks when there are none ("starting", "process does not answer", ...).
/// </summary>
public sealed record StackSampling(
    [property: JsonRequired] bool Enabled,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double BurstSeconds,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double PeriodSeconds,
    [property: JsonConverter(typeof(Rounded1Converter))] double? AgeSeconds,
    long Samples,
    [property: JsonConverter(typeof(Rounded2Converter))] double? CostPercent,
    string? Status);
