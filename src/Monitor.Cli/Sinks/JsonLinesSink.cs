using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor run --json`: one JSON object per line (NDJSON) on stdout; the last line is the result. Field names are a
/// contract for scripts: later versions add fields, never rename them. Without diagnostics (<paramref name="progressOnly"/>)
/// a snapshot holds the run's progress only, and is written as a `{"type":"progress",...}` line.
/// </summary>
public sealed class JsonLinesSink(Stream output, bool progressOnly = false) : IMonitorSink
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = false });
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static MonitorJsonContext Lines => MonitorJsonContext.Default;

    public void RunStarted(RunStart run)
    {
        if (run.AutoNRate is { } rate) Line(new CalibrationLine(run.Spec.N, rate, Calibration.TargetRunTime.TotalSeconds), Lines.CalibrationLine);
    }

    public void SnapshotTaken(Snapshot snapshot)
    {
        if (!progressOnly) Line(SnapshotLine.Of(snapshot), Lines.SnapshotLine);
        else if (snapshot.Workload is { } run) Line(new ProgressLine(run.ElapsedSeconds, snapshot.Totals.Progress, run.Iterations), Lines.ProgressLine);
    }

    public void RunFinished(RunSummary result, RunStart? started) => Line(ResultJson.Line(result), Lines.ResultLine);

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
