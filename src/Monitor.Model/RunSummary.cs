namespace Monitor.Model;

/// <summary>
/// One finished run, as the results table shows it. Mode is null for a recorded run whose mode is not known. Measured
/// values are null when the run ended before they were known. Outcome says how it
/// ended; Failure says why a run did not complete ("stopped", "interrupted" or what failed; null for a completed run,
/// whose sum may still be wrong: Correct).
/// </summary>
public sealed record RunSummary(
    RunMode? Mode,
    WorkKind Work,
    WorkerRuntime Runtime,
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
