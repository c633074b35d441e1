using System.Text.Json;
using Monitor.Cli.Sessions;
using Monitor.Runners;
using Monitor.Snapshots;
using Monitor.Workloads;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor run --json`: one JSON object per line (NDJSON) on stdout; the last line is the result. Field names are a
/// contract for scripts: later versions add fields, never rename them.
/// </summary>
public sealed class JsonLinesSink(Stream output) : IRunSink
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = false });
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public void OnCalibrated(long n, double iterationsPerSecond) => Line(w =>
    {
        w.WriteString("type", "calibration");
        w.WriteNumber("n", n);
        w.WriteNumber("iterationsPerSec", Math.Round(iterationsPerSecond));
        w.WriteNumber("targetSeconds", Calibration.TargetRunTime.TotalSeconds);
    });

    public void OnStarted(WorkloadRun run) { }

    public void OnTick(WorkloadRun run) => Line(w =>
    {
        w.WriteString("type", "progress");
        w.WriteNumber("t", Math.Round(run.Elapsed.TotalSeconds, 3));
        w.WriteNumber("progress", Math.Round(run.Progress, 4));
        w.WriteNumber("iterations", run.Iterations);
    });

    public void OnSnapshot(Snapshot snapshot) => Line(w => SnapshotJson.Write(w, snapshot));

    public void OnResult(RunResult r, RunDiagnostics d) => Line(w =>
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
        if (d.SingleThreadRate is { } single && r.ElapsedMs > 0)
        {
            w.WriteNumber("effectiveParallelism", Math.Round(r.TotalIterations / (r.ElapsedMs / 1000) / single, 2));
        }
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
        if (r.Failure is not null) w.WriteString("failure", r.Failure);
    });

    private readonly object _gate = new();

    private void Line(Action<Utf8JsonWriter> body)
    {
        // Snapshots arrive on the clock's thread, results on the command's: one line at a time.
        lock (_gate) WriteLine(body);
    }

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        _json.Reset();
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        output.Write(NewLine);
        output.Flush();
    }
}
