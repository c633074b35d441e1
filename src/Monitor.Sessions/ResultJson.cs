using System.Text.Json;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>A run's result as its <see cref="ResultLine"/>: the last line of `run --json` and the <c>result</c> of a
/// recording's manifest.</summary>
public static class ResultJson
{
    public static ResultLine Line(RunResult r, RunDiagnostics d) => new()
    {
        Mode = r.Spec.Mode,
        Work = r.Spec.Work,
        Runtime = r.Spec.Runtime,
        Workers = r.Spec.Workers,
        N = r.Spec.N,
        Sum = r.Sum,
        Expected = r.Expected,
        Correct = r.Correct,
        ElapsedMs = r.ElapsedMs,
        StartupMs = r.StartupMs,
        ProcessCount = r.ProcessCount,
        CpuMs = r.CpuMs,
        PeakWorkingSetBytes = r.PeakWorkingSetBytes,
        ContentionCount = d.ContentionCount,
        ContentionWaitMs = d.ContentionWaitMs,
        GcCount = d.GcCount,
        EffectiveParallelism = d.EffectiveParallelism,
        EffectiveParallelismUncertain = d.Parallelism.Uncertain,
        OtherCpuPercent = d.Parallelism.OtherCpuPercent,
        SwitchMs = r.Spec.Mode == RunMode.Gil ? r.Spec.SwitchMs : null,
        WorkerThreads = r.WorkerThreads.Select(t => new ResultWorkerThread(t.Pid, t.Tid, t.Worker, t.Iterations, t.CpuMs)).ToArray(),
        Outcome = r.Outcome,
        Failure = r.Failure,
    };

    /// <summary>The whole <c>{"type":"result",...}</c> object as a JSON value, for a manifest.</summary>
    public static JsonElement ToElement(RunResult r, RunDiagnostics d) =>
        JsonSerializer.SerializeToElement(Line(r, d), MonitorJsonContext.Default.ResultLine);
}
