namespace Monitor.Snapshots;

/// <summary>
/// One finished run, as the results table shows it. Mode and Work use the command line's words (single, threads,
/// processes, gil; cpu, io). Measured values are null when the run ended before they were known; Failure says why a
/// run did not complete (null for a run that did).
/// </summary>
public sealed record RunSummary(
    string Mode,
    string Work,
    string Runtime,
    int Workers,
    long N,
    double ElapsedMs,
    bool Correct,
    double? CpuMs,
    long? PeakWorkingSetBytes,
    long? ContentionCount,
    double? ContentionWaitMs,
    int? GcCount,
    double? EffectiveParallelism,
    string? Failure);
