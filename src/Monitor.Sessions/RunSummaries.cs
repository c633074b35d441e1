using Monitor.Model;
using Monitor.Runners;

namespace Monitor.Sessions;

/// <summary>The one place a runner's result and what the diagnostics saw of the run become its <see cref="RunSummary"/>.</summary>
public static class RunSummaries
{
    public static RunSummary From(RunResult r, RunDiagnostics d) => new()
    {
        Mode = r.Spec.Mode,
        Work = r.Spec.Work,
        Runtime = r.Spec.Runtime,
        Workers = r.Spec.Workers,
        N = r.Spec.N,
        SwitchMs = r.Spec.Mode == RunMode.Gil ? r.Spec.SwitchMs : null,
        Sum = r.Sum,
        Correct = r.Correct,
        ElapsedMs = r.ElapsedMs,
        StartupMs = r.StartupMs,
        ProcessCount = r.ProcessCount,
        Pids = r.Pids,
        CpuMs = r.CpuMs,
        PeakWorkingSetBytes = r.PeakWorkingSetBytes,
        ContentionCount = d.ContentionCount,
        ContentionWaitMs = d.ContentionWaitMs,
        GcCount = d.GcCount,
        EffectiveParallelism = d.EffectiveParallelism,
        ParallelismUncertain = d.Parallelism.Uncertain,
        OtherCpuPercent = d.Parallelism.OtherCpuPercent,
        WorkerThreads = r.WorkerThreads,
        Outcome = r.Outcome,
        Failure = r.Failure ?? (r.Correct ? null : $"wrong sum: expected {r.Expected}, got {r.Sum}"),
    };
}
