using Monitor.Diagnostics.Sources;

namespace Monitor.Recording.Analysis;

/// <summary>
/// What one .nettrace holds, read offline through the same translation as the live view
/// (<see cref="Diagnostics.Sources.EventPipe.RuntimeEventTranslator"/>), so counts equal what was shown live.
/// Collects the translated events as a sink on the reading thread; read it only once reading has ended.
/// </summary>
public sealed class TraceContents : IRuntimeEventSink
{
    public TraceContents(string file, int pid)
    {
        File = file;
        Pid = pid;
    }

    public string File { get; }
    public int Pid { get; internal set; }
    public long Bytes { get; internal set; }

    /// <summary>False when the stream breaks off before its end (a killed process, a cut file).</summary>
    public bool Complete { get; internal set; }

    /// <summary>Why reading stopped early, or null.</summary>
    public string? Error { get; internal set; }

    public DateTime? StartTime { get; internal set; }
    public double DurationMs { get; internal set; }
    public long EventCount { get; internal set; }
    public Dictionary<(string Provider, string Event), long> EventCounts { get; } = new();
    public long StackSamples { get; internal set; }

    /// <summary>The stacks of the trace's process, read when it has stack samples (see <see cref="StackRecordingReader"/>).</summary>
    public Diagnostics.Sources.Stacks.StackBurst? Stacks { get; internal set; }

    /// <summary>When the workload's first and last own events came, in ms since the session started: the span its
    /// throughput is measured over.</summary>
    public double? FirstSumEventMs { get; internal set; }
    public double? LastSumEventMs { get; internal set; }

    public long ContentionCount { get; private set; }
    public double ContentionWaitMs { get; private set; }
    public Dictionary<ulong, LockTrace> Locks { get; } = new();

    /// <summary>Waits and time waited per waiting thread.</summary>
    public Dictionary<int, (long Waits, double WaitMs)> ContentionByThread { get; } = new();

    /// <summary>The highest GC number the runtime reported, as the live view counts GCs.</summary>
    public int GcCount { get; private set; }
    public Dictionary<int, long> GcByGeneration { get; } = new();
    public long? PeakWorkingSetBytes { get; private set; }
    public long? PeakGcHeapBytes { get; private set; }
    public double? RuntimeContentionCounter { get; private set; }
    public Dictionary<int, SumWorkerTrace> Workers { get; } = new();

    public void Post(RuntimeEvent e)
    {
        switch (e)
        {
            case ContentionStarted s:
                ContentionCount++;
                var started = Lock(s.LockId);
                started.Waits++;
                started.Waiters[s.Tid] = started.Waiters.GetValueOrDefault(s.Tid) + 1;
                if (s.OwnerTid != 0) started.Owners[s.OwnerTid] = started.Owners.GetValueOrDefault(s.OwnerTid) + 1;
                var thread = ContentionByThread.GetValueOrDefault(s.Tid);
                ContentionByThread[s.Tid] = (thread.Waits + 1, thread.WaitMs);
                break;
            case ContentionStopped s:
                double ms = s.DurationNs / 1e6;
                ContentionWaitMs += ms;
                // A wait whose start came before the session names no lock (0): no lock row for it.
                if (s.LockId != 0) Lock(s.LockId).WaitMs += ms;
                var waited = ContentionByThread.GetValueOrDefault(s.Tid);
                ContentionByThread[s.Tid] = (waited.Waits, waited.WaitMs + ms);
                break;
            case GcStarted g:
                GcCount = Math.Max(GcCount, g.Count);
                GcByGeneration[g.Generation] = GcByGeneration.GetValueOrDefault(g.Generation) + 1;
                break;
            case CounterValue c:
                OnCounter(c);
                break;
            case SumWorkerStarted w:
                var started2 = Worker(w.Pid, w.Tid, w.Worker);
                started2.Tid = w.Tid;
                started2.Start = w.Start;
                started2.End = w.End;
                break;
            case SumProgress p:
                var progress = Worker(p.Pid, p.Tid, p.Worker);
                progress.ProgressEvents++;
                progress.LastProgress = Math.Max(progress.LastProgress, p.Iterations);
                break;
            case SumWorkerFinished f:
                Worker(f.Pid, f.Tid, f.Worker).Total = f.Total;
                break;
        }
    }

    private void OnCounter(CounterValue c)
    {
        // System.Runtime's EventCounters report sizes in MB.
        double bytes = c.Units == "B" ? c.Value : c.Value * 1_000_000;
        switch (c.Name)
        {
            case "working-set":
                PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes ?? 0, (long)bytes);
                break;
            case "gc-heap-size":
                PeakGcHeapBytes = Math.Max(PeakGcHeapBytes ?? 0, (long)bytes);
                break;
            case "monitor-lock-contention-count":
                RuntimeContentionCounter = (RuntimeContentionCounter ?? 0) + c.Value;
                break;
        }
    }

    private LockTrace Lock(ulong lockId)
    {
        if (!Locks.TryGetValue(lockId, out var trace))
        {
            trace = new LockTrace(lockId);
            Locks[lockId] = trace;
        }
        return trace;
    }

    private SumWorkerTrace Worker(int pid, int tid, int worker)
    {
        if (!Workers.TryGetValue(worker, out var trace))
        {
            trace = new SumWorkerTrace(pid, tid, worker);
            Workers[worker] = trace;
        }
        return trace;
    }
}
