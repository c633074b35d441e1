using System.Diagnostics;

namespace Monitor.Workloads;

/// <summary>
/// Nanoseconds on the system's monotonic clock (CLOCK_MONOTONIC on Linux, which .NET's Stopwatch and Python's
/// time.monotonic_ns both read), comparable between processes of one machine. A worker stamps its start and end
/// lines with it, so Monitor times a run by when things happened in the worker, not by when it got round to reading
/// the lines (on a loaded machine that came up to 0.8 s later, in one batch).
/// </summary>
public static class MonotonicClock
{
    public static long NowNs() => ToNs(Stopwatch.GetTimestamp());

    public static long ToNs(long stopwatchTimestamp) =>
        Stopwatch.Frequency == 1_000_000_000 ? stopwatchTimestamp : (long)(stopwatchTimestamp * (1e9 / Stopwatch.Frequency));
}
