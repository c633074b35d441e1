using System.Text.Json;
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

    public void RunStarted(RunStart run)
    {
        if (run.AutoNRate is not { } rate) return;
        Line(w =>
        {
            w.WriteString("type", "calibration");
            w.WriteNumber("n", run.Spec.N);
            w.WriteNumber("iterationsPerSec", Math.Round(rate));
            w.WriteNumber("targetSeconds", Calibration.TargetRunTime.TotalSeconds);
        });
    }

    public void SnapshotTaken(Snapshot snapshot)
    {
        if (!progressOnly)
        {
            Line(w => SnapshotJson.Write(w, snapshot));
        }
        else if (snapshot.Workload is { } run)
        {
            Line(w =>
            {
                w.WriteString("type", "progress");
                w.WriteNumber("t", Math.Round(run.ElapsedSeconds, 3));
                w.WriteNumber("progress", Math.Round(snapshot.Totals.Progress, 4));
                w.WriteNumber("iterations", run.Iterations);
            });
        }
    }

    public void RunFinished(RunSummary result, RunStart? started) => Line(w => ResultJson.Write(w, result));

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
