using Monitor.Runners;
using Monitor.Snapshots;
using Monitor.Workloads;

namespace Monitor.Cli.Sessions;

/// <summary>A finished run as a results-table row.</summary>
public static class RunSummaries
{
    public static RunSummary From(RunResult r, RunDiagnostics d) => new(
        r.Spec.Mode.Name(),
        r.Spec.Work.Name(),
        r.Spec.RuntimeName,
        r.Spec.Workers,
        r.Spec.N,
        r.ElapsedMs,
        r.Correct,
        r.CpuMs,
        r.PeakWorkingSetBytes,
        d.ContentionCount,
        d.ContentionWaitMs,
        d.GcCount,
        EffectiveParallelism(r, d),
        FailureOf(r));

    /// <summary>Why the run is not correct (its failure, or a wrong sum), or null.</summary>
    public static string? FailureOf(RunResult r) => r.Failure ?? (r.Correct ? null : $"wrong sum: expected {r.Expected}, got {r.Sum}");

    /// <summary>Work done per second over the whole run, in single threads' worth on this machine.</summary>
    public static double? EffectiveParallelism(RunResult r, RunDiagnostics d) =>
        d.SingleThreadRate is { } single && single > 0 && r.ElapsedMs > 0
            ? r.TotalIterations / (r.ElapsedMs / 1000) / single
            : null;
}
