using System.Text.Json;
using Monitor.Sessions;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>Writes a run's result as the `{"type":"result",...}` object: the last line of `run --json` and the
/// `result` of a recording's manifest. Field names are a contract for scripts: add, never rename.</summary>
public static class ResultJson
{
    /// <summary>The whole `{"type":"result",...}` object as a JSON value, for a manifest.</summary>
    public static JsonElement ToElement(RunResult r, RunDiagnostics d)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Write(w, r, d);
            w.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    public static void Write(Utf8JsonWriter w, RunResult r, RunDiagnostics d)
    {
        w.WriteString("type", "result");
        w.WriteString("mode", r.Spec.Mode.Name());
        w.WriteString("work", r.Spec.Work.Name());
        w.WriteString("runtime", r.Spec.RuntimeName);
        w.WriteNumber("workers", r.Spec.Workers);
        w.WriteNumber("n", r.Spec.N);
        w.WriteString("sum", r.Sum.ToString());
        w.WriteString("expected", r.Expected.ToString());
        w.WriteBoolean("correct", r.Correct);
        w.WriteNumber("elapsedMs", Math.Round(r.ElapsedMs, 1));
        if (r.StartupMs is { } startup) w.WriteNumber("startupMs", Math.Round(startup, 1));
        w.WriteNumber("processCount", r.ProcessCount);
        if (r.CpuMs is { } cpu) w.WriteNumber("cpuMs", Math.Round(cpu, 1));
        if (r.PeakWorkingSetBytes is { } peak) w.WriteNumber("peakWorkingSetBytes", peak);
        if (d.ContentionCount is { } contentions) w.WriteNumber("contentionCount", contentions);
        if (d.ContentionWaitMs is { } wait) w.WriteNumber("contentionWaitMs", Math.Round(wait, 3));
        if (d.GcCount is { } gc) w.WriteNumber("gcCount", gc);
        if (d.EffectiveParallelism is { } parallelism) w.WriteNumber("effectiveParallelism", Math.Round(parallelism, 2));
        if (d.Parallelism.Uncertain is { } uncertain) w.WriteString("effectiveParallelismUncertain", uncertain);
        if (d.Parallelism.OtherCpuPercent is { } others) w.WriteNumber("otherCpuPercent", Math.Round(others, 1));
        if (r.Spec.Mode == RunMode.Gil) w.WriteNumber("switchMs", r.Spec.SwitchMs);
        w.WriteStartArray("workerThreads");
        foreach (var t in r.WorkerThreads)
        {
            w.WriteStartObject();
            w.WriteNumber("pid", t.Pid);
            w.WriteNumber("tid", t.Tid);
            w.WriteNumber("worker", t.Worker);
            w.WriteNumber("iterations", t.Iterations);
            if (t.CpuMs is { } threadCpu) w.WriteNumber("cpuMs", Math.Round(threadCpu, 1));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("outcome", r.Outcome.Name());
        if (r.Failure is not null) w.WriteString("failure", r.Failure);
    }
}
