using System.Text.Json;
using Monitor.Model;
using Monitor.Recording.Analysis;

namespace Monitor.Cli.Sinks;

/// <summary>`monitor analyze --json`: the report as its <see cref="AnalysisLine"/>.</summary>
public static class AnalysisJson
{
    public static void Write(Utf8JsonWriter w, AnalysisReport r) => JsonSerializer.Serialize(w, Line(r), MonitorJsonContext.Default.AnalysisLine);

    public static AnalysisLine Line(AnalysisReport r)
    {
        var m = r.Manifest;
        var work = r.Workload;
        // One run: its settings (a UI bundle's top-level ones are those when recording started). Several: the
        // top-level ones, as before runs were listed; each run's are in runs[].
        var single = r.Runs is [var only] ? only.Run : null;
        return new AnalysisLine
        {
            Source = r.Source,
            Bundle = r.IsBundle,
            Complete = r.Complete,
            Problems = r.Problems,
            Notes = r.Notes,
            DurationMs = r.DurationMs,
            Mode = single?.Mode ?? m?.Mode ?? work?.Mode,
            Work = single?.Work ?? m?.Work,
            Runtime = single?.Runtime ?? m?.Runtime,
            Workers = single?.Workers ?? m?.Workers ?? work?.Workers,
            N = single?.N ?? m?.N ?? work?.N,
            Sum = work?.Sum,
            Expected = work?.Expected,
            Correct = work?.Correct,
            ElapsedMs = work?.ElapsedMs,
            CpuMs = r.CpuMs,
            PeakWorkingSetBytes = r.PeakWorkingSetBytes,
            ContentionCount = r.ContentionCount,
            ContentionWaitMs = r.ContentionWaitMs,
            GcCount = r.GcCount,
            HotMethods = r.HotMethods,
            EffectiveParallelism = m?.Machine?.EffectiveParallelism,
            SingleThreadRate = m?.Machine?.SingleThreadRate,
            Iterations = work?.Iterations,
            IterationsPerSec = work?.IterationsPerSec,
            WorkerThreads = work is null ? null : WorkerThreads(work, r),
            Runs = r.Runs.Select(run => Run(run, r)).ToArray(),
            Processes = r.Processes.Select(Process).ToArray(),
            Locks = r.Locks,
            Threads = r.Threads,
            RecordedResult = m?.Result,
        };
    }

    private static AnalysisWorkerThread[] WorkerThreads(WorkloadReport work, AnalysisReport r) => work.WorkerThreads
        .Select(t => new AnalysisWorkerThread(t.Pid, t.Tid, t.Worker, t.Iterations, t.Finished, t.Total, t.ProgressEvents,
            r.Threads.FirstOrDefault(x => x.Pid == t.Pid && x.Tid == t.Tid)?.CpuMs))
        .ToArray();

    /// <summary>One run: the manifest's account of it and what its own traces hold. Counts come from its traces; a run
    /// without one (Python, or going before recording started) gives its live result's.</summary>
    private static AnalysisRun Run(RunReport x, AnalysisReport r)
    {
        var run = x.Run;
        var work = x.Workload;
        var recorded = ResultLine.Read(run.Result);
        return new AnalysisRun
        {
            Run = x.Index,
            Mode = run.Mode,
            Work = run.Work,
            Runtime = run.Runtime,
            Workers = run.Workers,
            N = run.N,
            SwitchMs = run.SwitchMs,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Ended = !x.Unfinished,
            Traced = x.Traced,
            Sum = work.Sum,
            Expected = work.Expected,
            Correct = x.Correct,
            Failure = run.Failure,
            ElapsedMs = work.ElapsedMs,
            CpuMs = x.CpuMs,
            ContentionCount = x.Traced ? x.ContentionCount : recorded?.ContentionCount,
            ContentionWaitMs = x.Traced ? x.ContentionWaitMs : recorded?.ContentionWaitMs,
            GcCount = x.Traced ? x.GcCount : recorded?.GcCount,
            EffectiveParallelism = recorded?.EffectiveParallelism,
            Iterations = work.Iterations,
            IterationsPerSec = work.IterationsPerSec,
            Pids = run.Pids,
            WorkerThreads = WorkerThreads(work, r),
            RecordedResult = run.Result,
        };
    }

    private static AnalysisProcess Process(ProcessReport p)
    {
        var process = new AnalysisProcess
        {
            Pid = p.Pid,
            Role = p.Role,
            PeakWorkingSetBytes = p.PeakWorkingSetBytes,
            PeakGcHeapBytes = p.PeakGcHeapBytes,
            CpuMs = p.CpuMs,
        };
        return p.File is null ? process : process with
        {
            File = p.File,
            Bytes = p.Bytes,
            Complete = p.TraceComplete,
            Error = p.TraceError,
            DurationMs = p.DurationMs,
            EventCount = p.EventCount,
            GcCount = p.GcCount,
            GcByGeneration = p.GcByGeneration,
            ContentionCount = p.ContentionCount,
            ContentionWaitMs = p.ContentionWaitMs,
            StackSamples = p.StackSamples,
            Events = p.Events,
        };
    }
}
