namespace Monitor.Snapshots;

/// <summary>What is being watched: a workload Monitor runs, or an external process (Mode is then null).</summary>
public sealed record WorkloadInfo(
    string? Mode,
    string? Work,
    string Runtime,
    int Workers,
    long N,
    double ElapsedSeconds,
    long Iterations,
    bool Finished);
