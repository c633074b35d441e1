using System.Diagnostics.Metrics;

namespace Monitor.Export;

/// <summary>
/// The metrics Monitor exports, as observable instruments of one <see cref="Meter"/> reading the latest
/// <see cref="ExportFrame"/>: names and units from the OpenTelemetry semantic conventions where they exist (process.*,
/// dotnet.*), Monitor's own under monitor.*. docs/export.md lists them with their Prometheus names.
/// </summary>
internal static class ExportInstruments
{
    private static readonly KeyValuePair<string, object?> User = new(Attributes.CpuMode, "user");
    private static readonly KeyValuePair<string, object?> System = new(Attributes.CpuMode, "system");
    private static readonly KeyValuePair<string, object?> Voluntary = new(Attributes.ContextSwitchType, "voluntary");
    private static readonly KeyValuePair<string, object?> Involuntary = new(Attributes.ContextSwitchType, "involuntary");

    public static void Create(Meter meter, Func<ExportFrame> frame)
    {
        // Processes: the semantic conventions' process.* and the runtime's dotnet.*.
        meter.CreateObservableCounter("process.cpu.time", () => CpuTime(frame()), "s",
            "CPU time of the process since Monitor began watching it, by cpu.mode (user, system)");
        meter.CreateObservableUpDownCounter("process.memory.usage", () => frame().Processes.Select(p => new Measurement<long>(p.MemoryBytes, p.Tags)), "By",
            "Resident memory of the process (working set)");
        meter.CreateObservableUpDownCounter("process.thread.count", () => frame().Processes.Select(p => new Measurement<long>(p.Threads, p.Tags)), "{thread}",
            "Threads of the process");
        meter.CreateObservableCounter("dotnet.gc.collections", () => frame().Processes.Where(p => p.GcCollections is not null)
            .Select(p => new Measurement<long>(p.GcCollections!.Value, p.Tags)), "{collection}",
            "Garbage collections since Monitor began watching the process (all generations)");
        meter.CreateObservableCounter("dotnet.monitor.lock_contentions", () => frame().Processes.Where(p => p.Contentions is not null)
            .Select(p => new Measurement<long>(p.Contentions!.Value, p.Tags)), "{contention}",
            "Lock contentions (the runtime's ContentionStart events) since Monitor began watching the process");
        meter.CreateObservableUpDownCounter("dotnet.thread_pool.thread.count", () => frame().Processes.Where(p => p.Runtime?.ThreadPoolThreads is not null)
            .Select(p => new Measurement<long>(p.Runtime!.ThreadPoolThreads!.Value, p.Tags)), "{thread}",
            "Thread pool threads (the runtime's threadpool-thread-count counter; processes attached to)");
        meter.CreateObservableUpDownCounter("dotnet.thread_pool.queue.length", () => frame().Processes.Where(p => p.Runtime?.ThreadPoolThreads is not null)
            .Select(p => new Measurement<long>(p.Runtime!.ThreadPoolQueueLength ?? 0, p.Tags)), "{work_item}",
            "Work items queued to the thread pool (threadpool-queue-length)");
        meter.CreateObservableCounter("dotnet.thread_pool.work_item.count", () => frame().Processes.Where(p => p.Runtime?.ThreadPoolThreads is not null)
            .Select(p => new Measurement<long>(p.Runtime!.ThreadPoolCompletedItems ?? 0, p.Tags)), "{work_item}",
            "Work items the thread pool completed since Monitor began watching the process (threadpool-completed-items-count)");
        meter.CreateObservableUpDownCounter("monitor.gc.heap.size", () => frame().Processes.Where(p => p.GcHeapBytes is not null)
            .Select(p => new Measurement<long>(p.GcHeapBytes!.Value, p.Tags)), "By",
            "Managed heap in use (GC.GetTotalMemory, the runtime's gc-heap-size counter)");

        // Threads, grouped by name and capped per process.
        meter.CreateObservableCounter("monitor.thread.cpu.time", () => frame().Threads.Select(t => new Measurement<double>(t.CpuSeconds, t.Tags)), "s",
            "CPU time of the threads of this name");
        meter.CreateObservableCounter("monitor.thread.cpu.wait.time", () => frame().Threads.Where(t => t.CpuWaitSeconds is not null)
            .Select(t => new Measurement<double>(t.CpuWaitSeconds!.Value, t.Tags)), "s",
            "Time the threads of this name were runnable but waiting for a CPU");
        meter.CreateObservableCounter("monitor.thread.context_switches", () => ContextSwitches(frame()), "{context_switch}",
            "Context switches of the threads of this name: voluntary (it blocked: a lock, I/O, a sleep) and involuntary (preempted)");
        meter.CreateObservableGauge("monitor.thread.cpu.utilization", () => frame().Threads.Select(t => new Measurement<double>(t.Utilization, t.Tags)), "1",
            "CPU of the threads of this name over the last interval, in cores (1 = one core busy)");
        meter.CreateObservableUpDownCounter("monitor.thread.count", () => frame().Threads.Select(t => new Measurement<long>(t.Threads, t.Tags)), "{thread}",
            "Live threads of this name");

        // Locks, capped per process.
        meter.CreateObservableCounter("monitor.lock.contentions", () => frame().Locks.Select(l => new Measurement<long>(l.Contentions, l.Tags)), "{contention}",
            "Contentions on this lock");
        meter.CreateObservableCounter("monitor.lock.wait.time", () => frame().Locks.Select(l => new Measurement<double>(l.WaitSeconds, l.Tags)), "s",
            "Time threads waited for this lock");

        // Monitor's own workload (monitor run).
        meter.CreateObservableCounter("monitor.workload.iterations", () => Workload(frame(), w => w.Iterations), "{iteration}",
            "Iterations the workload's threads have done");
        meter.CreateObservableGauge("monitor.workload.progress", () => WorkloadDouble(frame(), w => w.Progress), "1",
            "Share of the workload done (0..1)");
        meter.CreateObservableGauge("monitor.workload.effective_parallelism",
            () => frame().Workload is { EffectiveParallelism: { } p } w ? [new Measurement<double>(p, w.Tags)] : Array.Empty<Measurement<double>>(), "{thread}",
            "Work done per second in single threads' worth, over the last interval (over the whole run once it has ended)");
    }

    private static IEnumerable<Measurement<double>> CpuTime(ExportFrame frame)
    {
        foreach (var p in frame.Processes)
        {
            if (p.UserSeconds is { } user && p.SystemSeconds is { } system)
            {
                yield return new Measurement<double>(user, [.. p.Tags, User]);
                yield return new Measurement<double>(system, [.. p.Tags, System]);
            }
            else
            {
                yield return new Measurement<double>(p.CpuSeconds, p.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ContextSwitches(ExportFrame frame)
    {
        foreach (var t in frame.Threads)
        {
            if (t.VoluntarySwitches is { } voluntary) yield return new Measurement<double>(voluntary, [.. t.Tags, Voluntary]);
            if (t.InvoluntarySwitches is { } involuntary) yield return new Measurement<double>(involuntary, [.. t.Tags, Involuntary]);
        }
    }

    private static Measurement<long>[] Workload(ExportFrame frame, Func<WorkloadPoint, long> value) =>
        frame.Workload is { } w ? [new Measurement<long>(value(w), w.Tags)] : [];

    private static Measurement<double>[] WorkloadDouble(ExportFrame frame, Func<WorkloadPoint, double> value) =>
        frame.Workload is { } w ? [new Measurement<double>(value(w), w.Tags)] : [];
}
