namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>One process's reading: its threads and memory, at <see cref="TimestampTicks"/> (Stopwatch ticks, the
/// middle of the reading). UserMs and SystemMs cover the whole process, threads that already ended included.</summary>
public sealed record ProcessCounters(
    int Pid,
    string Name,
    long TimestampTicks,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    double UserMs,
    double SystemMs,
    IReadOnlyList<ThreadCounters> Threads);
