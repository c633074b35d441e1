using System.Text.Json;

namespace Monitor.Model;

/// <summary>Writes a finished run as the `{"type":"result",...}` object: the last line of `run --json` and the
/// `result` of a recording's manifest. Field names are a contract for scripts: add, never rename.</summary>
public static class ResultJson
{
    /// <summary>The whole `{"type":"result",...}` object as a JSON value, for a manifest.</summary>
    public static JsonElement ToElement(RunSummary r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Write(w, r);
            w.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    public static void Write(Utf8JsonWriter w, RunSummary r)
    {
        w.WriteString("type", "result");
        if (r.Mode is { } mode) w.WriteString("mode", mode.Name());
        w.WriteString("work", r.Work.Name());
        w.WriteString("runtime", r.Runtime.Name());
        w.WriteNumber("workers", r.Workers);
        w.WriteNumber("n", r.N);
        if (r.Sum is { } sum) w.WriteString("sum", sum.ToString());
        w.WriteString("expected", r.Expected.ToString());
        w.WriteBoolean("correct", r.Correct);
        w.WriteNumber("elapsedMs", Math.Round(r.ElapsedMs, 1));
        if (r.StartupMs is { } startup) w.WriteNumber("startupMs", Math.Round(startup, 1));
        if (r.ProcessCount is { } processes) w.WriteNumber("processCount", processes);
        if (r.CpuMs is { } cpu) w.WriteNumber("cpuMs", Math.Round(cpu, 1));
        if (r.PeakWorkingSetBytes is { } peak) w.WriteNumber("peakWorkingSetBytes", peak);
        if (r.ContentionCount is { } contentions) w.WriteNumber("contentionCount", contentions);
        if (r.ContentionWaitMs is { } wait) w.WriteNumber("contentionWaitMs", Math.Round(wait, 3));
        if (r.GcCount is { } gc) w.WriteNumber("gcCount", gc);
        if (r.EffectiveParallelism is { } parallelism) w.WriteNumber("effectiveParallelism", Math.Round(parallelism, 2));
        if (r.ParallelismUncertain is { } uncertain) w.WriteString("effectiveParallelismUncertain", uncertain);
        if (r.OtherCpuPercent is { } others) w.WriteNumber("otherCpuPercent", Math.Round(others, 1));
        if (r.SwitchMs is { } switchMs) w.WriteNumber("switchMs", switchMs);
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
        if (r.EndedBecause is { } failure) w.WriteString("failure", failure);
    }
}
