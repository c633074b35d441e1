using Monitor.Model;
using System.Text.Json;
using Monitor.Recording.Analysis;

namespace Monitor.Cli.Sinks;

/// <summary>`monitor analyze --json`: one object. Where a field means what it means in `run --json`'s result line it
/// has the same name (contentionCount, gcCount, workerThreads, ...), so a script can compare the two.</summary>
public static class AnalysisJson
{
    public static void Write(Utf8JsonWriter w, AnalysisReport r)
    {
        w.WriteStartObject();
        w.WriteString("type", "analysis");
        w.WriteString("source", r.Source);
        w.WriteBoolean("bundle", r.IsBundle);
        w.WriteBoolean("complete", r.Complete);
        StringArray(w, "problems", r.Problems);
        StringArray(w, "notes", r.Notes);
        if (r.DurationMs is { } duration) w.WriteNumber("durationMs", Math.Round(duration, 1));
        var m = r.Manifest;
        var work = r.Workload;
        // One run: its settings (a UI bundle's top-level ones are those when recording started). Several: the
        // top-level ones, as before runs were listed; each run's are in runs[].
        var single = r.Runs is [var only] ? only.Run : null;
        if ((single?.Mode ?? m?.Mode ?? work?.Mode) is { } mode) w.WriteString("mode", mode);
        if ((single?.Work ?? m?.Work) is { } kind) w.WriteString("work", kind);
        if ((single?.Runtime ?? m?.Runtime) is { } runtime) w.WriteString("runtime", runtime);
        if ((single?.Workers ?? m?.Workers ?? work?.Workers) is { } workers) w.WriteNumber("workers", workers);
        if ((single?.N ?? m?.N ?? work?.N) is { } n) w.WriteNumber("n", n);
        if (work?.Sum is { } sum) w.WriteString("sum", sum.ToString());
        if (work?.Expected is { } expected) w.WriteString("expected", expected.ToString());
        if (work?.Correct is { } correct) w.WriteBoolean("correct", correct);
        if (work?.ElapsedMs is { } elapsed) w.WriteNumber("elapsedMs", Math.Round(elapsed, 1));
        if (r.CpuMs is { } cpu) w.WriteNumber("cpuMs", Math.Round(cpu, 1));
        if (r.PeakWorkingSetBytes is { } peak) w.WriteNumber("peakWorkingSetBytes", peak);
        w.WriteNumber("contentionCount", r.ContentionCount);
        w.WriteNumber("contentionWaitMs", Math.Round(r.ContentionWaitMs, 3));
        w.WriteNumber("gcCount", r.GcCount);
        if (m?.Machine?.EffectiveParallelism is { } ep) w.WriteNumber("effectiveParallelism", ep);
        if (m?.Machine?.SingleThreadRate is { } rate) w.WriteNumber("singleThreadRate", Math.Round(rate));
        if (work is not null)
        {
            w.WriteNumber("iterations", work.Iterations);
            if (work.IterationsPerSec is { } ips) w.WriteNumber("iterationsPerSec", Math.Round(ips));
            WorkerThreads(w, work, r);
        }
        w.WriteStartArray("runs");
        foreach (var run in r.Runs) Run(w, run, r);
        w.WriteEndArray();
        w.WriteStartArray("processes");
        foreach (var p in r.Processes) Process(w, p);
        w.WriteEndArray();
        w.WriteStartArray("locks");
        foreach (var l in r.Locks) JsonSerializer.Serialize(w, l, MonitorJsonContext.Default.LockSample);
        w.WriteEndArray();
        w.WriteStartArray("threads");
        foreach (var t in r.Threads)
        {
            w.WriteStartObject();
            w.WriteNumber("pid", t.Pid);
            w.WriteNumber("tid", t.Tid);
            w.WriteString("name", t.Name);
            w.WriteString("role", t.Role);
            if (t.Worker is { } worker) w.WriteNumber("worker", worker);
            if (t.CpuMs is { } threadCpu) w.WriteNumber("cpuMs", Math.Round(threadCpu, 1));
            w.WriteNumber("contentionCount", t.ContentionCount);
            w.WriteNumber("contentionWaitMs", Math.Round(t.ContentionWaitMs, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (m?.Result is { } result)
        {
            w.WritePropertyName("recordedResult");
            result.WriteTo(w);
        }
        w.WriteEndObject();
    }

    private static void WorkerThreads(Utf8JsonWriter w, WorkloadReport work, AnalysisReport r)
    {
        w.WriteStartArray("workerThreads");
        foreach (var t in work.WorkerThreads)
        {
            w.WriteStartObject();
            w.WriteNumber("pid", t.Pid);
            w.WriteNumber("tid", t.Tid);
            w.WriteNumber("worker", t.Worker);
            w.WriteNumber("iterations", t.Iterations);
            w.WriteBoolean("finished", t.Finished);
            if (t.Total is not null) w.WriteString("sum", t.Total);
            w.WriteNumber("progressEvents", t.ProgressEvents);
            var cpuOfThread = r.Threads.FirstOrDefault(x => x.Pid == t.Pid && x.Tid == t.Tid)?.CpuMs;
            if (cpuOfThread is { } threadCpu) w.WriteNumber("cpuMs", Math.Round(threadCpu, 1));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>One run: the manifest's account of it and what its own traces hold. Counts come from its traces; a run
    /// without one (Python, or going before recording started) gives its live result's.</summary>
    private static void Run(Utf8JsonWriter w, RunReport x, AnalysisReport r)
    {
        var run = x.Run;
        var work = x.Workload;
        w.WriteStartObject();
        w.WriteNumber("run", x.Index);
        if (run.Mode is not null) w.WriteString("mode", run.Mode);
        if (run.Work is not null) w.WriteString("work", run.Work);
        if (run.Runtime is not null) w.WriteString("runtime", run.Runtime);
        if (run.Workers is { } workers) w.WriteNumber("workers", workers);
        if (run.N is { } n) w.WriteNumber("n", n);
        if (run.SwitchMs is { } switchMs) w.WriteNumber("switchMs", switchMs);
        if (run.StartedAt is { } started) w.WriteString("startedAt", started);
        if (run.EndedAt is { } ended) w.WriteString("endedAt", ended);
        w.WriteBoolean("ended", !x.Unfinished);
        w.WriteBoolean("traced", x.Traced);
        if (work.Sum is { } sum) w.WriteString("sum", sum.ToString());
        if (work.Expected is { } expected) w.WriteString("expected", expected.ToString());
        if (x.Correct is { } correct) w.WriteBoolean("correct", correct);
        if (run.Failure is not null) w.WriteString("failure", run.Failure);
        if (work.ElapsedMs is { } elapsed) w.WriteNumber("elapsedMs", Math.Round(elapsed, 1));
        if (x.CpuMs is { } cpu) w.WriteNumber("cpuMs", Math.Round(cpu, 1));
        if (x.Traced)
        {
            w.WriteNumber("contentionCount", x.ContentionCount);
            w.WriteNumber("contentionWaitMs", Math.Round(x.ContentionWaitMs, 3));
            w.WriteNumber("gcCount", x.GcCount);
        }
        else
        {
            foreach (var field in new[] { "contentionCount", "contentionWaitMs", "gcCount" })
            {
                if (run.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty(field, out var value))
                {
                    w.WritePropertyName(field);
                    value.WriteTo(w);
                }
            }
        }
        if (run.Result is { ValueKind: JsonValueKind.Object } line && line.TryGetProperty("effectiveParallelism", out var ep))
        {
            w.WritePropertyName("effectiveParallelism");
            ep.WriteTo(w);
        }
        w.WriteNumber("iterations", work.Iterations);
        if (work.IterationsPerSec is { } ips) w.WriteNumber("iterationsPerSec", Math.Round(ips));
        w.WriteStartArray("pids");
        foreach (int pid in run.Pids) w.WriteNumberValue(pid);
        w.WriteEndArray();
        WorkerThreads(w, work, r);
        if (run.Result is { } recorded)
        {
            w.WritePropertyName("recordedResult");
            recorded.WriteTo(w);
        }
        w.WriteEndObject();
    }

    private static void Process(Utf8JsonWriter w, ProcessReport p)
    {
        w.WriteStartObject();
        w.WriteNumber("pid", p.Pid);
        w.WriteString("role", p.Role);
        if (p.File is not null)
        {
            w.WriteString("file", p.File);
            w.WriteNumber("bytes", p.Bytes);
            w.WriteBoolean("complete", p.TraceComplete);
            if (p.TraceError is not null) w.WriteString("error", p.TraceError);
            w.WriteNumber("durationMs", Math.Round(p.DurationMs, 1));
            w.WriteNumber("eventCount", p.EventCount);
            w.WriteNumber("gcCount", p.GcCount);
            w.WritePropertyName("gcByGeneration");
            w.WriteStartObject();
            foreach (var (generation, count) in p.GcByGeneration) w.WriteNumber(generation.ToString(), count);
            w.WriteEndObject();
            w.WriteNumber("contentionCount", p.ContentionCount);
            w.WriteNumber("contentionWaitMs", Math.Round(p.ContentionWaitMs, 3));
            w.WriteNumber("stackSamples", p.StackSamples);
        }
        if (p.PeakWorkingSetBytes is { } peak) w.WriteNumber("peakWorkingSetBytes", peak);
        if (p.PeakGcHeapBytes is { } heap) w.WriteNumber("peakGcHeapBytes", heap);
        if (p.CpuMs is { } cpu) w.WriteNumber("cpuMs", Math.Round(cpu, 1));
        if (p.File is not null)
        {
            w.WriteStartArray("events");
            foreach (var e in p.Events)
            {
                w.WriteStartObject();
                w.WriteString("provider", e.Provider);
                w.WriteString("event", e.Event);
                w.WriteNumber("count", e.Count);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void StringArray(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items) w.WriteStringValue(item);
        w.WriteEndArray();
    }
}
