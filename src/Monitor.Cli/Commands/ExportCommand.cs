using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Export;
using Monitor.Sessions;

namespace Monitor.Cli.Commands;

/// <summary>`monitor export`: headless and long-running (a service unit, a container's sidecar), watches the .NET
/// processes given and exports what it sees to Prometheus and/or OTLP until it is stopped (docs/export.md).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var pids = new Option<string[]>("--pid") { Description = "watch this .NET process (repeatable)", HelpName = "PID", AllowMultipleArgumentsPerToken = false };
        var names = new Option<string[]>("--name") { Description = "watch the .NET processes of this name, as they come and go (repeatable): the process name, its program file or, for `dotnet app.dll`, app", HelpName = "NAME" };
        var all = new Option<bool>("--all") { Description = "watch every .NET process of this user, as they come and go" };
        var stacks = new Option<bool>("--stacks") { Description = "sample stacks in bursts (1 s every 4 s) so each lock series carries its wait site (monitor.lock.wait_site); costs the targets CPU, see docs/performance.md" };
        var interval = IntervalOption.Create();
        var export = new ExportOptions();
        var command = new Command("export", "Export what Monitor sees of .NET processes to Prometheus (scrape) and OpenTelemetry (OTLP push), until stopped.");
        command.Options.Add(pids);
        command.Options.Add(names);
        command.Options.Add(all);
        command.Options.Add(stacks);
        command.Options.Add(interval);
        export.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var watch = (parse.GetValue(pids) ?? []).Select(AttachCommand.ReadPid).ToArray();
            var named = parse.GetValue(names) ?? [];
            if (named.Any(string.IsNullOrWhiteSpace)) throw new UsageException("--name must not be empty");
            bool every = parse.GetValue(all);
            if (watch.Length == 0 && named.Length == 0 && !every) throw new UsageException("export needs what to watch: --pid PID, --name NAME or --all");
            var settings = export.Read(parse) ?? throw new UsageException("export needs where to: --prometheus [ADDR:PORT] and/or --otlp [URL]");
            var request = new WatchRequest(watch, named, every, interval.ValueIn(parse), parse.GetValue(stacks));
            return ExecuteAsync(request, settings, cancel);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(WatchRequest request, ExportSettings settings, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        var exporters = ExportOptions.Start(settings);
        try
        {
            if (settings.Prometheus is { } endpoint) Console.Error.WriteLine($"monitor: serving metrics at {endpoint.LocalUrl}");
            await WatchSession.ExecuteAsync(request, exporters, Console.Error, stop.Token);
        }
        finally
        {
            ExportOptions.Stop(exporters);
        }
        // Stopped (Ctrl+C, SIGTERM) or every process given has exited: the normal ways out of a service.
        return ExitCodes.Ok;
    }
}
