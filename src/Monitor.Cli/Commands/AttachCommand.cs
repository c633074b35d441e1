using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Sessions;
using Monitor.Cli.Sinks;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`monitor attach PID...`: the same snapshots for running .NET processes Monitor did not start.</summary>
public static class AttachCommand
{
    public static Command Create()
    {
        // Optional to the parser so a missing pid gets a message that names it, not "Required argument missing".
        var pid = new Argument<string[]>("pid") { Description = ".NET processes of this user (see monitor ps)", Arity = ArgumentArity.ZeroOrMore };
        var children = new Option<bool>("--children") { Description = "also watch the .NET processes they start (and their children), while they run" };
        var json = new Option<bool>("--json") { Description = "headless: one snapshot per line as JSON" };
        var text = new Option<bool>("--text") { Description = "headless: per snapshot a table like top: busiest threads, locks with owners, the runtime line" };
        var ui = new UiOptions();
        var recording = new RecordingOptions();
        var duration = TypedOption.OptionalWholeNumber("--duration", "1..604800 seconds", "stop after this many seconds, 1..604800 (default: until the process exits or Ctrl+C)");
        var interval = IntervalOption.Create();
        var export = new ExportOptions();
        var command = new Command("attach", "Watch running .NET processes: per-thread CPU, contention, GC and memory.");
        command.Arguments.Add(pid);
        command.Options.Add(children);
        command.Options.Add(json);
        command.Options.Add(text);
        ui.AddTo(command);
        recording.AddTo(command);
        command.Options.Add(duration);
        command.Options.Add(interval);
        export.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            OptionConflicts.Exclusive(parse, json, text);
            OptionConflicts.UiOnly(parse, ui, json, text);
            OptionConflicts.ExportSettingsNeedAnExport(parse, export);
            var targets = ReadPids(parse.GetValue(pid) ?? []);
            var every = interval.ValueIn(parse);
            TimeSpan? limit = parse.GetValue(duration) is { } d ? ReadDuration(d) : null;
            var request = new AttachRequest(targets, every, recording.Read(parse, "attach", liveStacks: true), parse.GetValue(recording.TraceDir), parse.GetValue(children), parse.GetValue(recording.Stacks));
            bool headless = parse.GetValue(json) || parse.GetValue(text) || Console.IsOutputRedirected || Console.IsInputRedirected;
            var exporters = ExportOptions.Start(export.Read(parse));
            if (!headless) return ExecuteUiAsync(request, ui.Read(parse), exporters, cancel);
            return ExecuteAsync(request, limit, OutputSinks.ForStdout(parse.GetValue(json), attach: true), exporters, cancel);
        });
        return command;
    }

    /// <summary>The pids given, each once; none or one given twice is bad usage.</summary>
    public static IReadOnlyList<int> ReadPids(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) throw new UsageException("attach needs the pid of a .NET process (see monitor ps)");
        var pids = new List<int>(texts.Count);
        foreach (string text in texts)
        {
            int pid = ReadPid(text);
            if (pids.Contains(pid)) throw new UsageException($"pid {pid} is given twice");
            pids.Add(pid);
        }
        return pids;
    }

    public static int ReadPid(string text)
    {
        long value = NumberParser.ParseCount(text, "pid", "a positive process id");
        if (value < 1 || value > int.MaxValue) throw new UsageException($"pid must be a positive process id (got {text})");
        return (int)value;
    }

    private static TimeSpan ReadDuration(long seconds) =>
        seconds is >= 1 and <= 7 * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : throw new UsageException($"--duration must be 1..604800 seconds (got {seconds})");

    /// <summary>The terminal UI on the attached processes; it stays after they exit so their last state can be read,
    /// until q.</summary>
    private static async Task<int> ExecuteUiAsync(AttachRequest request, Monitor.Tui.MonitorAppOptions options, IReadOnlyList<IMonitorSink> exporters, CancellationToken cancel)
    {
        try
        {
            return await RunUiAsync(request, options, exporters, cancel);
        }
        finally
        {
            ExportOptions.Stop(exporters);
        }
    }

    private static async Task<int> RunUiAsync(AttachRequest request, Monitor.Tui.MonitorAppOptions options, IReadOnlyList<IMonitorSink> exporters, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        await using var observation = new Observation(DiagnosticsLevel.Full, request.Interval, singleThreadRate: null, request.Record?.Stacks ?? false);
        if (request.Stacks) observation.Stacks.Enabled = true;
        foreach (var exporter in exporters) observation.Sinks.Add(exporter);
        var controller = new AttachController(observation, request.TraceDir);
        await using (var targets = await AttachSession.AttachAsync(observation, controller.Recording, request, controller.Say, stop.Token))
        {
            controller.Watch(targets);
            Monitor.Tui.MonitorApp.Run(controller, options, stop.Token);
            await controller.StopWatchingAsync();
        }
        controller.Recording.Stop();
        return ExitCodes.Ok;
    }

    private static async Task<int> ExecuteAsync(AttachRequest request, TimeSpan? limit, OutputSinks output, IReadOnlyList<IMonitorSink> exporters, CancellationToken cancel)
    {
        await using var _ = output;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        try
        {
            await AttachSession.ExecuteAsync(request, limit, output.Sink, stop.Token, exporters);
        }
        catch (SinkFailedException e)
        {
            Console.Error.WriteLine($"monitor: {e.Message}; attach ended");
            return ExitCodes.Failed;
        }
        finally
        {
            ExportOptions.Stop(exporters);
        }
        // Ending an attach (Ctrl+C, --duration, the targets exiting) is the normal way out.
        return ExitCodes.Ok;
    }
}
