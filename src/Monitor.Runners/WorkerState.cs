namespace Monitor.Runners;

/// <summary>The live state of one worker thread as its process reports it; written by the reader, read by anyone.</summary>
public sealed class WorkerState
{
    private long _iterations;
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

    public long Iterations => Volatile.Read(ref _iterations);
    public bool Finished { get; private set; }
    public Int128 Sum { get; private set; }

    /// <summary>The thread's CPU time as the system accounted it when the worker finished.</summary>
    public double? CpuMs { get; private set; }

    internal void OnStarted(int pid, int tid, long start, long end)
    {
        Start = start;
        End = end;
        Volatile.Write(ref _pid, pid);
        Volatile.Write(ref _tid, tid);
    }

    internal void OnProgress(long iterations) => Volatile.Write(ref _iterations, iterations);

    internal void OnFinished(long iterations, Int128 sum, double? cpuMs)
    {
        Sum = sum;
        CpuMs = cpuMs;
        Volatile.Write(ref _iterations, iterations);
        Finished = true;
    }
}
