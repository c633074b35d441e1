using Monitor.Diagnostics.Sources;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>What the runtime said of one process so far: its latest counter values and GC count, and why its events
/// stopped if its session failed.</summary>
internal sealed class RuntimeState
{
    /// <summary>Prefix of <see cref="Snapshots.ProcessSample.DiagnosticsStatus"/> for a failed session.</summary>
    public const string EventsStoppedPrefix = "runtime events stopped: ";

    public int GcCount;
    public string? EventsStopped;
    public long? GcHeapBytes;
    public long? WorkingSetBytes;
    public double MonitorLockContentionCount;
    public readonly Dictionary<int, int> WorkerByTid = new();

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
        }
    }

    // System.Runtime's EventCounters report sizes in MB.
    private static double Megabytes(string units) => units == "B" ? 1 : 1_000_000;
}
