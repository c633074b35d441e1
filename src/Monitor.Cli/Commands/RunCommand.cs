using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Sessions;
using Monitor.Cli.Sinks;
using Monitor.Recording;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`monitor run`: one workload, headless, reported as text or NDJSON.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var recording = new RecordingOptions();
        var json = new Option<bool>("--json") { Description = "one JSON object per line on stdout; the last line is the result" };
        var interval = IntervalOption.Create();
        var diagnostics = DiagnosticsOption.Create();
        var export = new ExportOptions();
        var command = new Command("run", "Run one workload headless and print its result.");
        workload.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(interval);
        command.Options.Add(diagnostics);
        recording.AddTo(command);
        export.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            OptionConflicts.ExportSettingsNeedAnExport(parse, export);
            var (spec, autoN) = workload.Read(parse);
            var every = interval.ValueIn(parse);
            var level = diagnostics.ValueIn(parse);
            var record = recording.Read(parse, spec.Mode.Name());
            if (record is not null && level == DiagnosticsLevel.None) throw new UsageException("recording needs --diagnostics full or os: with none there is nothing to record");
            var exportTo = export.Read(parse);
            if (exportTo is not null && level == DiagnosticsLevel.None) throw new UsageException("export needs --diagnostics full or os: with none there is nothing to export");
            bool asJson = parse.GetValue(json);
            var exporters = ExportOptions.Start(exportTo);
            var output = OutputSinks.ForStdout(asJson, progressOnly: level == DiagnosticsLevel.None);
            return ExecuteAsync(spec, autoN, level, every, output, cancel, record, exporters);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(
        WorkloadSpec spec, bool autoN, DiagnosticsLevel level, TimeSpan interval, OutputSinks output, CancellationToken cancel,
        RecordingRequest? record = null, IReadOnlyList<IMonitorSink>? exporters = null)
    {
        await using var _ = output;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        RunSummary? result;
        try
        {
            result = await HeadlessRun.ExecuteAsync(spec, autoN, level, interval, output.Sink, stop.Token, record, output.Notes, exporters);
        }
        catch (SinkFailedException e)
        {
            Console.Error.WriteLine($"monitor: {e.Message}; the run was ended");
            return ExitCodes.Failed;
        }
        finally
        {
            ExportOptions.Stop(exporters ?? []);
        }
        if (result is null || stop.IsCancellationRequested) return ExitCodes.Interrupted;
        return result.Correct ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
