using System.Globalization;

namespace Monitor.Workloads;

/// <summary>
/// Writes <see cref="SumEventSource.ProcessStats"/> at the interval a session asked for, from the worker's main thread
/// (which wakes every 100 ms anyway). Monitor asks its own workers for this instead of enabling System.Runtime's
/// counters: those cost a 2-worker process ~60-70 ms of extra tier-1 compilation in a 5 s run (the counters' polling
/// and payload code, measured with per-thread /proc CPU), taken from the workload it watches, while this costs one
/// event of three numbers a second.
/// </summary>
public sealed class ProcessStatsReporter
{
    private long _next;

    /// <summary>Writes the figures if a session wants them and its interval has passed since the last ones.</summary>
    public void Tick()
    {
        if (SumEventSource.Log.StatsInterval is not { } interval) return;
        long now = Environment.TickCount64;
        if (now < _next) return;
        _next = now + (long)interval.TotalMilliseconds;
        Write();
    }

    /// <summary>The last figures, as the workers end, so even a run shorter than one interval has them.</summary>
    public void Final()
    {
        if (SumEventSource.Log.StatsInterval is not null) Write();
    }

    private static void Write() =>
        SumEventSource.Log.ProcessStats(GC.GetTotalMemory(forceFullCollection: false), ResidentBytes(), System.Threading.Monitor.LockContentionCount);

    /// <summary>Resident set size. Linux: /proc/self/statm, one small read (Environment.WorkingSet goes through
    /// reflection and a Process object there).</summary>
    private static long ResidentBytes()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string statm = File.ReadAllText("/proc/self/statm");
                int start = statm.IndexOf(' ') + 1;
                int end = statm.IndexOf(' ', start);
                if (start > 0 && end > start && long.TryParse(statm.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out long pages))
                {
                    return pages * Environment.SystemPageSize;
                }
            }
            catch (IOException)
            {
            }
        }
        return Environment.WorkingSet;
    }
}
