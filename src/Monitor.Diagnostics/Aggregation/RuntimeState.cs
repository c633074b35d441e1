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
    public readonly Dictionary<int, int> WorkerByTid = new();

    public void OnGc(int count)
    {
        if (FirstGcSeen == 0 || count < FirstGcSeen) FirstGcSeen = count;
        GcCount = Math.Max(GcCount, count);
    }

    /// <summary>The System.Runtime figures (<see cref="RuntimeSample"/>) as last reported; null before any.</summary>
    private RuntimeSample? _counters;

    // The thread pool's completed items since watching began (the counter gives increments), and the JIT's count of
    // methods as last reported (the counter gives the process's total).
    private double _completedItems;
    private double? _methodsJitted;

    /// <summary>Times the thread pool added threads because work was starved (see
    /// <see cref="RuntimeSample.StarvationAdjustments"/>) since watching began.</summary>
    public int StarvationAdjustments { get; private set; }

    private int? _threadGoal;

    /// <summary>A thread-pool adjustment counts as starvation only when it raised the goal: the runtime also reports
    /// cooperative blocking when a blocked thread returns and the goal goes back down.</summary>
    public void OnThreadPoolAdjusted(ThreadPoolAdjusted a)
    {
        if (a.Starved && (_threadGoal is not { } goal || a.NewThreadCount > goal)) StarvationAdjustments++;
        _threadGoal = a.NewThreadCount;
    }

    /// <summary>What the runtime's counters said so far, with the starvation adjustments since the interval began
    /// (when the process had made <paramref name="starvationBefore"/>); null for a process whose System.Runtime
    /// counters are not read.</summary>
    public RuntimeSample? Sample(int starvationBefore) =>
        _counters is { } c ? c with { StarvationAdjustments = Math.Max(0, StarvationAdjustments - starvationBefore) } : null;

    public void Apply(CounterValue c)
    {
        if (WithFigure(_counters ?? new RuntimeSample(), c) is { } figures) _counters = figures;
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
        }
    }

    /// <summary><paramref name="r"/> with what <paramref name="c"/> says, or null for a counter it does not hold. A
    /// Sum counter's increment covers the runtime's own interval, which it reports; a rate divides by that.</summary>
    private RuntimeSample? WithFigure(RuntimeSample r, CounterValue c)
    {
        double seconds = c.IntervalSec is > 0 and { } interval ? interval : 1;
        double perSec = c.Value / seconds;
        long bytes = (long)Math.Round(c.Value * Megabytes(c.Units));
        switch (c.Name)
        {
            case "threadpool-thread-count": return r with { ThreadPoolThreads = (long)Math.Round(c.Value) };
            case "threadpool-queue-length": return r with { ThreadPoolQueueLength = (long)Math.Round(c.Value) };
            case "threadpool-completed-items-count":
                _completedItems += c.Value;
                return r with { ThreadPoolCompletedPerSec = perSec, ThreadPoolCompletedItems = (long)Math.Round(_completedItems) };
            // Milliseconds paused over the counter's interval (GC.GetTotalPauseDuration's increase): ms/s ÷ 10 = %.
            case "total-pause-time-by-gc": return r with { GcPausePercent = Math.Clamp(perSec / 10, 0, 100) };
            case "alloc-rate": return r with { AllocBytesPerSec = perSec };
            case "exception-count": return r with { ExceptionsPerSec = perSec };
            case "gen-0-size": return r with { Gen0Bytes = bytes };
            case "gen-1-size": return r with { Gen1Bytes = bytes };
            case "gen-2-size": return r with { Gen2Bytes = bytes };
            case "loh-size": return r with { LohBytes = bytes };
            case "poh-size": return r with { PohBytes = bytes };
            case "methods-jitted-count":
                // A level (the process's total so far): its rate needs the report before.
                double? before = _methodsJitted;
                _methodsJitted = c.Value;
                return before is { } was ? r with { MethodsJittedPerSec = Math.Max(0, c.Value - was) / seconds } : r;
            default: return null;
        }
    }

    // System.Runtime's EventCounters report sizes in MB.
    private static double Megabytes(string units) => units == "B" ? 1 : 1_000_000;
}
