using System.Text.Json;
using Monitor.Sessions;
using Monitor.Runners;
using Monitor.Model;
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
        w.WriteStartObject();
        w.WriteString("type", "calibration");
        w.WriteNumber("n", n);
        w.WriteNumber("iterationsPerSec", Math.Round(iterationsPerSecond));
        w.WriteNumber("targetSeconds", Calibration.TargetRunTime.TotalSeconds);
        w.WriteEndObject();
    });

    public void OnStarted(WorkloadRun run) { }

    public void OnTick(WorkloadRun run) => Line(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "progress");
        w.WriteNumber("t", Math.Round(run.Elapsed.TotalSeconds, 3));
        w.WriteNumber("progress", Math.Round(run.Progress, 4));
        w.WriteNumber("iterations", run.Iterations);
        w.WriteEndObject();
    });

    public void OnSnapshot(Snapshot snapshot) => Line(w => SnapshotJson.Write(w, snapshot));

    public void OnResult(RunResult r, RunDiagnostics d) => Line(w =>
    {
        w.WriteStartObject();
        ResultJson.Write(w, r, d);
        w.WriteEndObject();
    });

    private readonly object _gate = new();

    /// <summary>One line: <paramref name="body"/> writes one whole value.</summary>
    private void Line(Action<Utf8JsonWriter> body)
    {
        // Snapshots arrive on the clock's thread, results on the command's: one line at a time.
        lock (_gate) WriteLine(body);
    }

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        _json.Reset();
        body(_json);
        _json.Flush();
        output.Write(NewLine);
        output.Flush();
    }
}
