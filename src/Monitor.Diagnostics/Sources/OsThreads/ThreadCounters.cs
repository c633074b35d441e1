namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>
/// One thread's cumulative counters as the operating system keeps them, read at one instant. Rates come from the
/// difference of two readings. Fields the platform cannot give are null.
/// </summary>
public readonly record struct ThreadCounters(
    int Tid,
    string Name,
    char State,
    double UserMs,
    double SystemMs,
    double? OnCpuMs,
    double? WaitingForCpuMs,
    long? VoluntarySwitches,
    long? InvoluntarySwitches);

/// <summary>One process's reading: its threads and memory, at <see cref="TimestampTicks"/> (Stopwatch ticks).</summary>
public sealed record ProcessCounters(
    int Pid,
    string Name,
    long TimestampTicks,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    double UserMs,
    double SystemMs,
    IReadOnlyList<ThreadCounters> Threads);
