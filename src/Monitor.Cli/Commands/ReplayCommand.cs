using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sinks;
using Monitor.Recording.Analysis;
using Monitor.Recording.Replay;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`monitor replay`, headless: a recorded session's snapshots as `run` printed them (text or the very same
/// JSON lines), then its result. The terminal UI replays the same frames into its panels.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("bundle") { Description = "a trace bundle directory (monitor run --record)" };
        var json = new Option<bool>("--json") { Description = "headless: the snapshot lines and result line exactly as run --json printed them" };
        var text = new Option<bool>("--text") { Description = "headless: the progress lines and result as run printed them" };
        var ui = new UiOptions();
        var speed = TypedOption.ZeroOrBetween("--speed", BundleReplay.MinSpeed, BundleReplay.MaxSpeed, 0, "1 = as recorded, 2 = twice as fast, 0 = no waiting");
        var command = new Command("replay", "Show a recorded session again, as it was shown live.");
        command.Arguments.Add(path);
        command.Options.Add(json);
        command.Options.Add(text);
        ui.AddTo(command);
        command.Options.Add(speed);
        command.SetAction((parse, cancel) =>
        {
            OptionConflicts.Exclusive(parse, json, text);
            OptionConflicts.UiOnly(parse, ui, json, text);
            bool headless = parse.GetValue(json) || parse.GetValue(text) || Console.IsOutputRedirected || Console.IsInputRedirected;
            return headless
                ? ExecuteAsync(parse.GetValue(path)!, parse.GetValue(json), speed.ValueIn(parse), cancel)
                : Task.FromResult(ExecuteUi(parse.GetValue(path)!, ui.Read(parse)));
        });
        return command;
    }

    /// <summary>The terminal UI on the recording: the same panels, moving through time.</summary>
    private static int ExecuteUi(string path, Monitor.Tui.MonitorAppOptions options)
    {
        BundleReplay replay;
        try
        {
            replay = BundleReplay.Open(path, AppLifetime.Stopping);
        }
        catch (UnusableInputException e)
        {
            throw new UsageException(e.Message);
        }
        using var controller = new Sessions.ReplayController(replay);
        Monitor.Tui.MonitorApp.Run(controller, options, AppLifetime.Stopping);
        return ExitCodes.Ok;
    }

    public static async Task<int> ExecuteAsync(string path, bool asJson, double speed, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        BundleReplay replay;
        try
        {
            replay = BundleReplay.Open(path, stop.Token);
        }
        catch (UnusableInputException e)
        {
            Console.Error.WriteLine(ErrorLine.Of(e.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        using var stdout = Console.OpenStandardOutput();
        var text = new ConsoleTextSink(Console.Out, interactive: false);
        // An attach's snapshots (a workload without a mode) as attach --text printed them.
        var attachText = new AttachTextSink(Console.Out);
        // A `monitor run` bundle: its result line after every snapshot, as run --json printed it. A UI recording of
        // several runs: each run's result line where the run ended among the snapshots.
        var results = replay.Manifest?.Result is null ? replay.Results : [];
        int written = 0;
        void ResultsUpTo(DateTimeOffset? time)
        {
            while (written < results.Count && (time is null || results[written].EndedAt is { } ended && ended <= time))
            {
                var r = results[written++];
                if (asJson) Raw(stdout, r.Line);
                else WriteSummary(results.Count > 1 ? $"run {written} result" : "recorded result", r.Summary);
            }
        }
        try
        {
            await foreach (var frame in replay.PlayAsync(speed, stop.Token))
            {
                ResultsUpTo(frame.Snapshot.Time);
                if (asJson) Line(stdout, w => SnapshotJson.Write(w, frame.Snapshot));
                else if (frame.Snapshot.Workload is { Mode: null }) attachText.SnapshotTaken(frame.Snapshot);
                else text.SnapshotTaken(frame.Snapshot);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        ResultsUpTo(null);
        if (replay.Manifest?.Result is { } result && asJson)
        {
            Raw(stdout, result);
        }
        else if (replay.Summary is { } s && !asJson)
        {
            WriteSummary("recorded result", s);
        }
        if (!replay.IsComplete)
        {
            Console.Error.WriteLine(ErrorLine.Of($"{path} is incomplete (Monitor did not finish it){(replay.UnreadableLines > 0 ? $"; {replay.UnreadableLines} unreadable line(s) skipped" : "")}"));
            return ExitCodes.Usage;
        }
        return ExitCodes.Ok;
    }

    private static void WriteSummary(string label, ResultLine s)
    {
        Console.WriteLine();
        Console.WriteLine($"{label}: mode {s.Mode?.Name()}, {s.Workers} worker(s), N = {(s.N is { } n ? Format.Count(n) : "?")}, sum {s.Sum}, "
            + $"{(s.Correct == true ? "correct" : "NOT correct")}, elapsed {(s.ElapsedMs is { } ms ? Format.Duration(ms) : "?")}"
            + (s.ContentionCount is { } c ? $", contentions {Format.Count(c)}" : "") + (s.GcCount is { } gc ? $", GCs {gc}" : "")
            + (s.Failure is { } why ? $", {why}" : ""));
    }

    private static void Raw(Stream output, JsonElement line)
    {
        using (var w = new Utf8JsonWriter(output)) line.WriteTo(w);
        output.Write("\n"u8);
        output.Flush();
    }

    private static void Line(Stream output, Action<Utf8JsonWriter> body)
    {
        using (var w = new Utf8JsonWriter(output)) body(w);
        output.Write("\n"u8);
        output.Flush();
    }
}
