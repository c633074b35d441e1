using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// One interval's sample of a watched process: from its reading while it runs; once it has gone, from what was last
/// known of it and its own last report; without the OS sampler, from what its runtime said. CPU times are the
/// process's own totals (<c>cpuBefore</c> when the interval began, <c>cpuNow</c> now); the
/// sample counts them from <see cref="WatchedProcess.CpuBaselineMs"/>.
/// </summary>
internal static class ProcessSamples
{
    /// <param name="contention">the process's own contentions since watching began (null without its runtime's events).</param>
    /// <param name="figures">what its runtime's counters said over the interval (null where they are not read).</param>
    public static ProcessSample Running(
        WatchedProcess w, ProcessCounters reading, RuntimeState? runtime, (long? Count, double? WaitMs) contention, RuntimeSample? figures,
        double cpuBefore, double cpuNow, double seconds)
    {
        double cpuMs = cpuNow - w.CpuBaselineMs;
        double userMs = Math.Clamp(reading.UserMs - w.UserBaselineMs, 0, Math.Max(0, cpuMs));
        return new ProcessSample(
            w.Pid, reading.Name, w.Role, reading.WorkingSetBytes, w.MostResidentBytes,
            runtime?.GcHeapBytes, runtime?.GcCountFor(w.BornWatched),
            CpuPercent(cpuBefore, cpuNow, seconds), cpuMs,
            reading.Threads.Count, Exited: false, runtime?.EventsStopped,
            userMs, cpuMs - userMs, contention.Count, contention.WaitMs, figures);
    }

    /// <summary>A process that can no longer be read: its memory as last shown (or last read), its peak raised by its
    /// own last report (<paramref name="usage"/>; null: it sent none), what its runtime said as last known.</summary>
    /// <param name="lastCpu">the process's CPU time as last known before its report.</param>
    public static ProcessSample Gone(
        WatchedProcess w, ProcessCounters? lastReading, WorkerUsage? usage, RuntimeState? runtime, (long? Count, double? WaitMs) contention,
        RuntimeSample? figures, double cpuBefore, double cpuNow, double lastCpu, double seconds)
    {
        var last = w.LastShown;
        long workingSet = last?.WorkingSetBytes ?? lastReading?.WorkingSetBytes ?? 0;
        long peak = Math.Max(Math.Max(last?.PeakWorkingSetBytes ?? lastReading?.PeakWorkingSetBytes ?? 0, usage?.PeakWorkingSetBytes ?? 0), w.MostResidentBytes);
        double cpuMs = cpuNow - w.CpuBaselineMs;
        // The split of the CPU time: the process's own last report's when it gave one that is news, else as last shown.
        double? userMs = usage is { UserMs: { } reportedUser } && usage.CpuMs >= lastCpu ? reportedUser - w.UserBaselineMs : last?.UserMs;
        if (userMs is { } user) userMs = Math.Clamp(user, 0, Math.Max(0, cpuMs));
        return new ProcessSample(
            w.Pid, last?.Name ?? lastReading?.Name ?? "", w.Role, workingSet, peak,
            runtime?.GcHeapBytes ?? last?.GcHeapBytes, runtime is null ? last?.GcCount : runtime.GcCountFor(w.BornWatched),
            CpuPercent(cpuBefore, cpuNow, seconds), cpuMs,
            0, Exited: true, runtime?.EventsStopped ?? last?.DiagnosticsStatus,
            userMs, cpuMs - userMs, contention.Count ?? last?.ContentionCount, contention.WaitMs ?? last?.ContentionWaitMs,
            figures ?? last?.Runtime);
    }

    /// <summary>A process known from its runtime alone (the OS sampler is off): memory, no CPU.</summary>
    public static ProcessSample RuntimeOnly(WatchedProcess w, RuntimeState runtime, RuntimeSample? figures) => new(
        w.Pid, "", w.Role, runtime.WorkingSetBytes ?? 0, runtime.WorkingSetBytes ?? 0, runtime.GcHeapBytes, runtime.GcCountFor(w.BornWatched),
        0, 0, 0, false, runtime.EventsStopped, Runtime: figures);

    /// <summary>What a gone process reported of itself, as a final reading for a recording.</summary>
    public static ProcessCounters FinalReading(ProcessSample gone, WorkerUsage usage) =>
        ProcessCounters.Last(gone.Pid, gone.Name, gone.WorkingSetBytes, gone.PeakWorkingSetBytes, usage.UserMs ?? usage.CpuMs, usage.SystemMs ?? 0);

    // Per core: 100 = one CPU busy all the interval.
    private static double CpuPercent(double cpuBefore, double cpuNow, double seconds) => Math.Max(0, cpuNow - cpuBefore) / (seconds * 10);
}
