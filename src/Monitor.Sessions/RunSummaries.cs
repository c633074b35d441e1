using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>A finished run as a results-table row.</summary>
public static class RunSummaries
{
    public static RunSummary From(RunResult r, RunDiagnostics d) => new(
        r.Spec.Mode,
        r.Spec.Work,
        r.Spec.Runtime,
        r.Spec.Workers,
        r.Spec.N,
        r.ElapsedMs,
        r.Correct,
        r.CpuMs,
        r.PeakWorkingSetBytes,
        d.ContentionCount,
        d.ContentionWaitMs,
        d.GcCount,
        d.EffectiveParallelism,
        FailureOf(r),
        r.StartupMs,
        d.Parallelism.Uncertain)
    {
        Outcome = r.Outcome,
    };

    /// <summary>Why the run is not correct (its failure, or a wrong sum), or null.</summary>
    public static string? FailureOf(RunResult r) => r.Failure ?? (r.Correct ? null : $"wrong sum: expected {r.Expected}, got {r.Sum}");
}
