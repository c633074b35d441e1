using System.Text.Json;

namespace Monitor.Model;

/// <summary>A finished run and its <c>{"type":"result",...}</c> line (<see cref="ResultLine"/>), both ways: the last
/// line of `run --json` and the <c>result</c> of a recording's manifest, and a recorded result read back.</summary>
public static class ResultJson
{
    public static ResultLine Line(RunSummary r) => new()
    {
        Mode = r.Mode,
        Work = r.Work,
        Runtime = r.Runtime,
        Workers = r.Workers,
        N = r.N,
        Sum = r.Sum,
        Expected = r.Expected,
        Correct = r.Correct,
        ElapsedMs = r.ElapsedMs,
        StartupMs = r.StartupMs,
        ProcessCount = r.ProcessCount,
        CpuMs = r.CpuMs,
        PeakWorkingSetBytes = r.PeakWorkingSetBytes,
        ContentionCount = r.ContentionCount,
        ContentionWaitMs = r.ContentionWaitMs,
        GcCount = r.GcCount,
        EffectiveParallelism = r.EffectiveParallelism,
        EffectiveParallelismUncertain = r.ParallelismUncertain,
        OtherCpuPercent = r.OtherCpuPercent,
        SwitchMs = r.SwitchMs,
        WorkerThreads = r.WorkerThreads.Select(t => new ResultWorkerThread(t.Pid, t.Tid, t.Worker, t.Iterations, t.CpuMs)).ToArray(),
        Outcome = r.Outcome,
        Failure = r.EndedBecause,
    };

    /// <summary>The whole <c>{"type":"result",...}</c> object as a JSON value, for a manifest.</summary>
    public static JsonElement ToElement(RunSummary r) => JsonSerializer.SerializeToElement(Line(r), MonitorJsonContext.Default.ResultLine);

    /// <summary>A recorded result as a finished run; what an older Monitor did not write stays unknown, and so do the
    /// worker threads (the line keeps no per-thread sum to make them of).</summary>
    public static RunSummary Summary(ResultLine s)
    {
        var summary = new RunSummary
        {
            Mode = s.Mode,
            Work = s.Work ?? WorkKind.Cpu,
            Runtime = s.Runtime ?? WorkerRuntime.Dotnet,
            Workers = s.Workers ?? 0,
            N = s.N ?? 0,
            SwitchMs = s.SwitchMs,
            Sum = s.Sum,
            Correct = s.Correct == true,
            ElapsedMs = s.ElapsedMs ?? 0,
            StartupMs = s.StartupMs,
            ProcessCount = s.ProcessCount,
            CpuMs = s.CpuMs,
            PeakWorkingSetBytes = s.PeakWorkingSetBytes,
            ContentionCount = s.ContentionCount,
            ContentionWaitMs = s.ContentionWaitMs,
            GcCount = s.GcCount,
            EffectiveParallelism = s.EffectiveParallelism,
            ParallelismUncertain = s.EffectiveParallelismUncertain,
            OtherCpuPercent = s.OtherCpuPercent,
            Failure = s.Failure,
        };
        // Results written before they said "outcome" worded a stopped or interrupted run as its failure.
        return (s.Outcome ?? (Words.TryParse<RunOutcome>(s.Failure, out var worded) ? worded : null)) is { } outcome
            ? summary with { Outcome = outcome }
            : summary;
    }
}
