namespace Monitor.Recording.Analysis;

/// <summary>One worker thread as the workload's own events (Monitor-Sum) describe it.</summary>
public sealed class SumWorkerTrace(int pid, int tid, int worker)
{
    public int Pid { get; } = pid;
    public int Tid { get; set; } = tid;
    public int Worker { get; } = worker;
    public long? Start { get; set; }
    public long? End { get; set; }
    public long ProgressEvents { get; set; }

    /// <summary>Iterations done as last reported by a progress event.</summary>
    public long LastProgress { get; set; }

    /// <summary>The worker's partial sum as a decimal string; set once it finished.</summary>
    public string? Total { get; set; }

    public bool Finished => Total is not null;

    /// <summary>The whole range once finished, else the last progress reported.</summary>
    public long Iterations => Finished && Start is { } s && End is { } e ? e - s : LastProgress;
}
