using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// One thread's cumulative counters as the operating system keeps them, read at one instant. Rates come from the
/// difference of two readings (<see cref="ThreadRates.Between"/>). Fields the platform cannot give are null;
/// so is <see cref="Name"/> empty where threads have no names the OS can tell. A recording keeps them as they were read
/// (a thread of an os-samples.jsonl line: this record's JSON).
/// </summary>
/// <param name="StartedMs">When the thread started, in ms on an OS-specific clock (since boot on Linux). Only good for
/// telling whether two readings with the same tid are the same thread: a reused tid has a different value.</param>
/// <param name="ContextSwitches">Every switch away from the thread, where the OS counts them without saying which were
/// waits and which preemptions (Windows); null where the split counts are there or nothing is counted.</param>
public readonly record struct ThreadCounters(
    [property: JsonRequired] int Tid,
    [property: JsonRequired] string Name,
    [property: JsonRequired] char State,
    [property: JsonRequired] double UserMs,
    [property: JsonRequired] double SystemMs,
    [property: JsonConverter(typeof(Rounded3Converter))] double? OnCpuMs,
    [property: JsonConverter(typeof(Rounded3Converter))] double? WaitingForCpuMs,
    long? VoluntarySwitches,
    long? InvoluntarySwitches,
    double? StartedMs = null,
    long? ContextSwitches = null)
{
    /// <summary>This thread's counters before it started: all zero (the ones the platform gives).</summary>
    public ThreadCounters Unborn() => new(
        Tid, Name, State, 0, 0,
        OnCpuMs is null ? null : 0, WaitingForCpuMs is null ? null : 0,
        VoluntarySwitches is null ? null : 0, InvoluntarySwitches is null ? null : 0, StartedMs,
        ContextSwitches is null ? null : 0);
}
