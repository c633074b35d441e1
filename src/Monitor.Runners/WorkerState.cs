namespace Monitor.Runners;

/// <summary>The live state of one worker thread as its process reports it; written by the reader, read by anyone.</summary>
public sealed class WorkerState
{
    private WorkerReading _latest = WorkerReading.None;
    private int _tid;
    private int _pid;

    public WorkerState(int worker, long start, long end)
    {
        Worker = worker;
        Start = start;
        End = end;
    }

    public int Worker { get; }
    public long Start { get; private set; }
    public long End { get; private set; }
    public long Length => End - Start;

    public int Pid => Volatile.Read(ref _pid);

    /// <summary>The worker's operating-system thread id, 0 until the worker has started.</summary>
    public int Tid => Volatile.Read(ref _tid);

    public long Iterations => Latest.Iterations;

    /// <summary>The worker's latest report: its iterations and, read at the same moment, its thread's CPU time.</summary>
    public WorkerReading Latest => Volatile.Read(ref _latest);

    public bool Finished { get; private set; }
    public Int128 Sum { get; private set; }

    /// <summary>The thread's CPU time as the system accounted it at the worker's latest report (its result's, once
    /// finished); null where the worker cannot tell.</summary>
    public double? CpuMs => Latest.CpuMs;

    internal void OnStarted(int pid, int tid, long start, long end)
    {
        Start = start;
        End = end;
        Volatile.Write(ref _pid, pid);
        Volatile.Write(ref _tid, tid);
    }

    internal void OnProgress(long iterations, double? cpuMs)
    {
        // A worker process may still send a progress line after a thread's result (it drains the results first):
        // the result's figures are final.
        if (!Finished) Volatile.Write(ref _latest, new WorkerReading(iterations, cpuMs));
    }

    internal void OnFinished(long iterations, Int128 sum, double? cpuMs)
    {
        Sum = sum;
        Volatile.Write(ref _latest, new WorkerReading(iterations, cpuMs));
        Finished = true;
    }
}

/// <summary>What a worker thread reported at one moment: iterations done and its CPU time then (null: unknown).</summary>
public sealed record WorkerReading(long Iterations, double? CpuMs)
{
    public static readonly WorkerReading None = new(0, null);
}
