using Monitor.Diagnostics.Sources;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>What the runtime said of one process so far: its latest counter values and GC count, and why its events
/// stopped if its session failed.</summary>
internal sealed class RuntimeState
{
    /// <summary>Prefix of <see cref="Snapshots.ProcessSample.DiagnosticsStatus"/> for a failed session.</summary>
    public const string EventsStoppedPrefix = "runtime events stopped: ";

    /// <summary>The highest GC number the runtime has reported (its count since the process started).</summary>
    public int GcCount;

    /// <summary>The first GC number seen since watching began; 0 before any.</summary>
    public int FirstGcSeen;

    /// <summary>GCs of a process born while watched (a run's worker): all it made. Its session may start after the
    /// runtime's first GCs, so the count is the runtime's own number, not the events seen.</summary>
    public int GcCountSinceBirth => GcCount;

    /// <summary>GCs since watching began (an attached process): from the first one seen.</summary>
    public int GcCountSinceWatched => FirstGcSeen == 0 ? 0 : GcCount - FirstGcSeen + 1;

    /// <summary>The GCs to show of a process <paramref name="bornWatched"/> (see <see cref="WatchedProcess.BornWatched"/>) or not.</summary>
    public int GcCountFor(bool bornWatched) => bornWatched ? GcCountSinceBirth : GcCountSinceWatched;

    public string? EventsStopped;
    public long? GcHeapBytes;
    public long? WorkingSetBytes;
    public double MonitorLockContentionCount;
    public long? ThreadPoolThreads;
    public long? ThreadPoolQueueLength;
    public double? ThreadPoolCompletedItems;
    public readonly Dictionary<int, int> WorkerByTid = new();

    public void OnGc(int count)
    {
        if (FirstGcSeen == 0 || count < FirstGcSeen) FirstGcSeen = count;
        GcCount = Math.Max(GcCount, count);
    }

    public void Apply(CounterValue c)
    {
        switch (c.Name)
        {
            case "gc-heap-size":
                GcHeapBytes = (long)(c.Value * Megabytes(c.Units));
                break;
            case "working-set":
                WorkingSetBytes = (long)(c.Value * Megabytes(c.Units));
                break;
            case "monitor-lock-contention-count":
                MonitorLockContentionCount += c.Value;
                break;
            case "threadpool-thread-count":
                ThreadPoolThreads = (long)Math.Round(c.Value);
                break;
            case "threadpool-queue-length":
                ThreadPoolQueueLength = (long)Math.Round(c.Value);
                break;
            case "threadpool-completed-items-count":
                ThreadPoolCompletedItems = (ThreadPoolCompletedItems ?? 0) + c.Value;
                break;
        }
    }

    /// <summary>The thread pool as System.Runtime's counters gave it (a process attached to; Monitor's own workers do
    /// not run those counters), or null before the first.</summary>
    public ThreadPoolSample? ThreadPool => ThreadPoolThreads is { } threads
        ? new ThreadPoolSample(threads, ThreadPoolQueueLength ?? 0, (long)Math.Round(ThreadPoolCompletedItems ?? 0))
        : null;

    // System.Runtime's EventCounters report sizes in MB.
    private static double Megabytes(string units) => units == "B" ? 1 : 1_000_000;
}
