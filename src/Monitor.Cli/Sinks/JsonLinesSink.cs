using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Sessions;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor run --json`: one JSON object per line (NDJSON) on stdout; the last line is the result. Field names are a
/// contract for scripts: later versions add fields, never rename them.
/// </summary>
public sealed class JsonLinesSink(Stream output) : IRunSink
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = false });
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static MonitorJsonContext Lines => MonitorJsonContext.Default;

    public void OnCalibrated(long n, double iterationsPerSecond) =>
        Line(new CalibrationLine(n, iterationsPerSecond, Calibration.TargetRunTime.TotalSeconds), Lines.CalibrationLine);

    public void OnStarted(WorkloadRun run) { }

    public void OnTick(WorkloadRun run) => Line(new ProgressLine(run.Elapsed.TotalSeconds, run.Progress, run.Iterations), Lines.ProgressLine);

    public void OnSnapshot(Snapshot snapshot) => Line(SnapshotLine.Of(snapshot), Lines.SnapshotLine);

    public void OnResult(RunResult r, RunDiagnostics d) => Line(ResultJson.Line(r, d), Lines.ResultLine);

    private readonly object _gate = new();

    private void Line<T>(T value, JsonTypeInfo<T> type)
    {
        // Snapshots arrive on the clock's thread, results on the command's: one line at a time.
        lock (_gate)
        {
            _json.Reset();
            JsonSerializer.Serialize(_json, value, type);
            _json.Flush();
            output.Write(NewLine);
            output.Flush();
        }
    }
}
