namespace Monitor.Recording.Replay;

/// <summary>A recorded run's result, read from the manifest's copy of the `run --json` result line (same names).</summary>
public sealed record RecordedRunSummary
{
    public string? Mode { get; init; }
    public string? Work { get; init; }
    public string? Runtime { get; init; }
    public int? Workers { get; init; }
    public long? N { get; init; }
    public string? Sum { get; init; }
    public string? Expected { get; init; }
    public bool? Correct { get; init; }
    public double? ElapsedMs { get; init; }
    public double? StartupMs { get; init; }
    public int? ProcessCount { get; init; }
    public double? CpuMs { get; init; }
    public long? PeakWorkingSetBytes { get; init; }
    public long? ContentionCount { get; init; }
    public double? ContentionWaitMs { get; init; }
    public int? GcCount { get; init; }
    public double? EffectiveParallelism { get; init; }
    public int? SwitchMs { get; init; }
    public IReadOnlyList<RecordedWorkerThread> WorkerThreads { get; init; } = [];
    public string? Failure { get; init; }
    public string? Outcome { get; init; }
    public string? EffectiveParallelismUncertain { get; init; }
}

public sealed record RecordedWorkerThread(int Pid, int Tid, int Worker, long Iterations, double? CpuMs);

/// <summary>One recorded run's result: <see cref="Line"/> is its `run --json` result line verbatim; <see cref="EndedAt"/>
/// when the run ended (null if unknown).</summary>
public sealed record RecordedRunResult(DateTimeOffset? EndedAt, RecordedRunSummary Summary, System.Text.Json.JsonElement Line);
