namespace Monitor.Snapshots;

/// <summary>
/// One finished run, as the results table shows it. Mode and Work use the command line's words (single, threads,
/// processes, gil; cpu, io). Measured values are null when the run ended before they were known. Outcome says how it
/// ended; Failure says why a run did not complete ("stopped", "interrupted" or what failed; null for a completed run,
/// whose sum may still be wrong: Correct).
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
    string? Failure,
    double? StartupMs = null,
    string? ParallelismUncertain = null)
{
    private readonly RunOutcome? _outcome;

    /// <summary>How the run ended; unless told, completed without a failure and failed with one.</summary>
    public RunOutcome Outcome
    {
        get => _outcome ?? (Failure is null ? RunOutcome.Completed : RunOutcome.Failed);
        init => _outcome = value;
    }
}
