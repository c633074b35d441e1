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
    public static ProcessSample Running(WatchedProcess w, ProcessCounters reading, RuntimeState? runtime, double cpuBefore, double cpuNow, double seconds) => new(
        w.Pid, reading.Name, w.Role, reading.WorkingSetBytes, w.MostResidentBytes,
        runtime?.GcHeapBytes, runtime?.GcCountFor(w.BornWatched),
        CpuPercent(cpuBefore, cpuNow, seconds), cpuNow - w.CpuBaselineMs,
        reading.Threads.Count, Exited: false, runtime?.EventsStopped);

    /// <summary>A process that can no longer be read: its memory as last shown (or last read), its peak raised by its
    /// own last report (<paramref name="usage"/>; null: it sent none), what its runtime said as last known.</summary>
    public static ProcessSample Gone(
        WatchedProcess w, ProcessCounters? lastReading, WorkerUsage? usage, RuntimeState? runtime, double cpuBefore, double cpuNow, double seconds)
    {
        var last = w.LastShown;
        long workingSet = last?.WorkingSetBytes ?? lastReading?.WorkingSetBytes ?? 0;
        long peak = Math.Max(Math.Max(last?.PeakWorkingSetBytes ?? lastReading?.PeakWorkingSetBytes ?? 0, usage?.PeakWorkingSetBytes ?? 0), w.MostResidentBytes);
        return new ProcessSample(
            w.Pid, last?.Name ?? lastReading?.Name ?? "", w.Role, workingSet, peak,
            runtime?.GcHeapBytes ?? last?.GcHeapBytes, runtime is null ? last?.GcCount : runtime.GcCountFor(w.BornWatched),
            CpuPercent(cpuBefore, cpuNow, seconds), cpuNow - w.CpuBaselineMs,
            0, Exited: true, runtime?.EventsStopped ?? last?.DiagnosticsStatus);
    }

    /// <summary>A process known from its runtime alone (the OS sampler is off): memory, no CPU.</summary>
    public static ProcessSample RuntimeOnly(WatchedProcess w, RuntimeState runtime) => new(
        w.Pid, "", w.Role, runtime.WorkingSetBytes ?? 0, runtime.WorkingSetBytes ?? 0, runtime.GcHeapBytes, runtime.GcCountFor(w.BornWatched),
        0, 0, 0, false, runtime.EventsStopped);

    /// <summary>What a gone process reported of itself, as a final reading for a recording.</summary>
    public static ProcessCounters FinalReading(ProcessSample gone, WorkerUsage usage) =>
        ProcessCounters.Last(gone.Pid, gone.Name, gone.WorkingSetBytes, gone.PeakWorkingSetBytes, usage.UserMs ?? usage.CpuMs, usage.SystemMs ?? 0);

    // Per core: 100 = one CPU busy all the interval.
    private static double CpuPercent(double cpuBefore, double cpuNow, double seconds) => Math.Max(0, cpuNow - cpuBefore) / (seconds * 10);
}
