namespace Monitor.Model;

/// <summary>
/// One finished run: what its result line says (`run --json`, a recording's manifest), what the results table shows
/// and what every sink is told when a run ends. A comparison row is one too, with the medians of its runs and no sum.
/// Measured values are null when the run ended before they were known (or the run was not observed that way).
/// </summary>
public sealed record RunSummary
{
    /// <summary>Null for a recorded run whose mode is not known.</summary>
    public required RunMode? Mode { get; init; }

    public required WorkKind Work { get; init; }

    public WorkerRuntime Runtime { get; init; }

    public required int Workers { get; init; }

    public required long N { get; init; }

    /// <summary>The GIL's switch interval; only for gil runs.</summary>
    public int? SwitchMs { get; init; }

    /// <summary>The total the workers reported; null where not known (a comparison row of several runs).</summary>
    public Int128? Sum { get; init; }

    /// <summary>0 + 1 + ... + (N − 1), what <see cref="Sum"/> is checked against.</summary>
    public Int128 Expected => WorkloadSpec.ExpectedSum(N);

    /// <summary>Completed without failure with the exact sum.</summary>
    public required bool Correct { get; init; }

    public required double ElapsedMs { get; init; }

    public double? StartupMs { get; init; }

    /// <summary>The processes the run used, Monitor's workers and the children they made.</summary>
    public int? ProcessCount { get; init; }

    public IReadOnlyList<int> Pids { get; init; } = [];

    public double? CpuMs { get; init; }

    public long? PeakWorkingSetBytes { get; init; }

    public long? ContentionCount { get; init; }

    public double? ContentionWaitMs { get; init; }

    public int? GcCount { get; init; }

    public double? EffectiveParallelism { get; init; }

    /// <summary>Why <see cref="EffectiveParallelism"/> cannot be read as the mode's, or null.</summary>
    public string? ParallelismUncertain { get; init; }

    /// <summary>What the rest of the machine used over the run, per core in percent; null where unknown.</summary>
    public double? OtherCpuPercent { get; init; }

    public IReadOnlyList<WorkerThreadResult> WorkerThreads { get; init; } = [];

    private readonly RunOutcome? _outcome;

    /// <summary>How the run ended; unless told, completed without a failure and failed with one.</summary>
    public RunOutcome Outcome
    {
        get => _outcome ?? (Failure is null ? RunOutcome.Completed : RunOutcome.Failed);
        init => _outcome = value;
    }

    /// <summary>Why the run is not correct ("stopped", "interrupted", what failed, or a wrong sum), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>The failure as the result line words it: why a run did not complete; null for a completed run (whose
    /// sum may still be wrong: <see cref="Correct"/>).</summary>
    public string? EndedBecause => Outcome == RunOutcome.Completed ? null : Failure;
}
