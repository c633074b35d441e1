using Monitor.Runners;

namespace Monitor.Sessions;

/// <summary>What the diagnostics saw over a whole run, for the result line. Null fields were not observed.</summary>
public sealed record RunDiagnostics(long? ContentionCount, double? ContentionWaitMs, int? GcCount, RunParallelism Parallelism)
{
    public static readonly RunDiagnostics None = new(null, null, null, RunParallelism.None);

    /// <summary>The run's effective parallelism (see <see cref="RunParallelism"/>), or null where not measured.</summary>
    public double? EffectiveParallelism => Parallelism.Figure?.Value;
}
