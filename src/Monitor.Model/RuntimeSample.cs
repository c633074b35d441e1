using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// What a process's runtime says of itself over one interval, as its System.Runtime counters and thread-pool events
/// give it: a process attached to (Monitor's own workers do not run those counters, so theirs is null). A figure the
/// runtime has not reported yet is null. Levels (threads, queue, heap sizes) are the latest reported; rates are over
/// the runtime's latest counter interval, which is the snapshot interval; <see cref="StarvationAdjustments"/> counts
/// over the snapshot's own interval.
/// </summary>
/// <param name="ThreadPoolThreads">thread-pool threads now.</param>
/// <param name="ThreadPoolQueueLength">work items queued to the pool and not started.</param>
/// <param name="ThreadPoolCompletedPerSec">work items the pool completed per second.</param>
/// <param name="StarvationAdjustments">times in the interval the pool raised its thread count because work waited
/// while its threads were blocked (adjustment reasons Starvation and CooperativeBlocking).</param>
/// <param name="GcPausePercent">share of the interval the runtime was paused for garbage collections (0..100).</param>
/// <param name="AllocBytesPerSec">bytes allocated on the managed heap per second.</param>
/// <param name="Gen0Bytes">size of generation 0 as of the last GC; likewise the others (LOH: large objects, POH:
/// pinned objects).</param>
/// <param name="ExceptionsPerSec">exceptions thrown per second (first chance, caught or not).</param>
/// <param name="MethodsJittedPerSec">methods the JIT compiled per second (tiered recompiles included).</param>
/// <param name="ThreadPoolCompletedItems">work items completed since watching began (for exporters' counters; not in
/// the JSON).</param>
public sealed record RuntimeSample(
    long? ThreadPoolThreads = null,
    long? ThreadPoolQueueLength = null,
    [property: JsonConverter(typeof(Rounded1Converter))] double? ThreadPoolCompletedPerSec = null,
    int? StarvationAdjustments = null,
    [property: JsonConverter(typeof(Rounded2Converter))] double? GcPausePercent = null,
    [property: JsonConverter(typeof(Rounded0Converter))] double? AllocBytesPerSec = null,
    long? Gen0Bytes = null,
    long? Gen1Bytes = null,
    long? Gen2Bytes = null,
    long? LohBytes = null,
    long? PohBytes = null,
    [property: JsonConverter(typeof(Rounded1Converter))] double? ExceptionsPerSec = null,
    [property: JsonConverter(typeof(Rounded1Converter))] double? MethodsJittedPerSec = null,
    [property: JsonIgnore] long? ThreadPoolCompletedItems = null);
