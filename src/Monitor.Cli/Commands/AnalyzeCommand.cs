using System.CommandLine;
using System.Text.Json;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sinks;
using Monitor.Recording.Analysis;

namespace Monitor.Cli.Commands;

/// <summary>`monitor analyze`: a report from a trace bundle or a .nettrace, from the files alone. Exit 0 for a complete
/// input; exit 2 when the input is unusable (nothing is reported) or incomplete (what could be read is reported on
/// stdout, marked incomplete, and one line on stderr says why).</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("bundle") { Description = "a trace bundle directory (monitor run --record) or a .nettrace file" };
        var json = new Option<bool>("--json") { Description = "one JSON object on stdout, field names as in run --json" };
        var command = new Command("analyze", "Report what a recording holds: contention, GC, memory, CPU per thread, the workload's result.");
        command.Arguments.Add(path);
        command.Options.Add(json);
        command.SetAction(parse => Execute(parse.GetValue(path)!, parse.GetValue(json), Console.Out, Console.Error, AppLifetime.Stopping));
        return command;
    }

    /// <param name="cancel">Ctrl+C, SIGTERM: the reading ends at once and the command exits 130.</param>
    public static int Execute(string path, bool asJson, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        AnalysisReport report;
        try
        {
            report = TraceAnalyzer.Analyze(path, cancel: cancel);
        }
        catch (UnusableInputException e)
        {
            stderr.WriteLine(ErrorLine.Of(e.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        if (asJson)
        {
            using var output = Console.OpenStandardOutput();
            using (var w = new Utf8JsonWriter(output)) AnalysisJson.Write(w, report);
            output.Write("\n"u8);
        }
        else
        {
            AnalysisText.Write(stdout, report);
        }
        if (report.Complete) return ExitCodes.Ok;
        stderr.WriteLine(ErrorLine.Of($"{report.Source} is incomplete: {ErrorLine.List(report.Problems)}"));
        return ExitCodes.Usage;
    }
}
