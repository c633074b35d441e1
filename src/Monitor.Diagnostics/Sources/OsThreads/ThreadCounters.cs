namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>
/// One thread's cumulative counters as the operating system keeps them, read at one instant. Rates come from the
/// difference of two readings (<see cref="ThreadRates.Between"/>). Fields the platform cannot give are null; so is
/// <see cref="Name"/> empty where threads have no names the OS can tell.
/// </summary>
/// <param name="StartedMs">When the thread started, in ms on an OS-specific clock (since boot on Linux). Only good for
/// telling whether two readings with the same tid are the same thread: a reused tid has a different value.</param>
public readonly record struct ThreadCounters(
    int Tid,
    string Name,
    char State,
    double UserMs,
    double SystemMs,
    double? OnCpuMs,
    double? WaitingForCpuMs,
    long? VoluntarySwitches,
    long? InvoluntarySwitches,
    double? StartedMs = null);
