using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// One interval's sample of each thread of a watched process: its rates against the reading the interval started
/// from, its role, which worker it is (<see cref="WorkerAttribution"/>) and that worker's iterations per second.
/// </summary>
internal static class ThreadSamples
{
    /// <summary>Adds a sample of each thread of <paramref name="reading"/>, workers' to <paramref name="workerThreads"/>,
    /// the others' to <paramref name="otherThreads"/>.</summary>
    /// <param name="before">the process's reading the interval started from; null: none.</param>
    /// <param name="newThreadsBornInInterval">a thread <paramref name="before"/> lacks started in this interval, so all
    /// its CPU time is this interval's; otherwise it has no rates until its next reading.</param>
    /// <param name="from">the mark the interval started at (each worker's iterations then).</param>
    public static void Add(
        WatchedProcess process, ProcessCounters reading, ProcessCounters? before, bool newThreadsBornInInterval, RuntimeState? runtime,
        WorkerAttribution attribution, IntervalMark from, double seconds, List<ThreadSample> workerThreads, List<ThreadSample> otherThreads)
    {
        var threadsNow = reading.Threads;
        for (int i = 0; i < threadsNow.Count; i++)
        {
            var t = threadsNow[i];
            ThreadCounters? earlier = FindThread(before, t.Tid, i) is { } found && ThreadRates.SameThread(found, t) ? found
                : newThreadsBornInInterval ? t.Unborn()
                : null;
            var thread = SampleOf(process, t, earlier, runtime, attribution, from, seconds);
            (thread.Role == ThreadRole.Worker ? workerThreads : otherThreads).Add(thread);
        }
    }

    /// <summary>The threads as a snapshot lists them: workers by index, then the others by process, busiest first.</summary>
    public static ThreadSample[] InOrder(List<ThreadSample> workerThreads, List<ThreadSample> otherThreads)
    {
        workerThreads.Sort((a, b) => (a.Worker ?? 0).CompareTo(b.Worker ?? 0));
        otherThreads.Sort((a, b) => a.Pid != b.Pid ? a.Pid.CompareTo(b.Pid) : b.CpuPercent.CompareTo(a.CpuPercent));
        return workerThreads.Concat(otherThreads).ToArray();
    }

    private static ThreadSample SampleOf(
        WatchedProcess process, ThreadCounters now, ThreadCounters? before, RuntimeState? runtime, WorkerAttribution attribution,
        IntervalMark from, double seconds)
    {
        int? worker = attribution.WorkerOf(process.Pid, now.Tid, now.Name, inRunProcess: process.Role == ProcessRole.Worker, runtime?.WorkerByTid, out var state);
        double? iterationsPerSec = null;
        if (state is not null)
        {
            long earlier = from.Workers.TryGetValue(state.Worker, out var reported) ? reported.Iterations : 0;
            iterationsPerSec = Math.Max(0, state.Iterations - earlier) / seconds;
        }
        var role = worker is not null ? ThreadRole.Worker
            : now.Name.StartsWith(".NET ", StringComparison.Ordinal) ? ThreadRole.Runtime
            : ThreadRole.Other;
        return ThreadSample.Of(process.Pid, role, worker, iterationsPerSec, process.ThreadCpuSinceWatched(now), now, before, seconds);
    }

    /// <summary>The thread <paramref name="tid"/> of the earlier reading; threads mostly keep their place between
    /// readings, so <paramref name="hint"/> (its index now) is looked at first.</summary>
    private static ThreadCounters? FindThread(ProcessCounters? reading, int tid, int hint)
    {
        if (reading is null) return null;
        var threads = reading.Threads;
        if (hint < threads.Count && threads[hint].Tid == tid) return threads[hint];
        for (int i = 0; i < threads.Count; i++)
        {
            if (threads[i].Tid == tid) return threads[i];
        }
        return null;
    }
}
