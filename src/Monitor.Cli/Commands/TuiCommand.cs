using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Sessions;
using Monitor.Runners;
using Monitor.Tui;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Cli.Commands;

/// <summary>`monitor` / `monitor tui`: the terminal UI that runs workloads and shows them live.</summary>
public static class TuiCommand
{
    /// <summary>The options of the UI; `monitor` with no command takes the same ones.</summary>
    private sealed class Options
    {
        public WorkloadOptions Workload { get; } = new();
        public UiOptions Ui { get; } = new();
        public RecordingOptions Recording { get; } = new();
        public DefaultedOption<TimeSpan> Interval { get; } = IntervalOption.Create();

        public void AddTo(Command command)
        {
            Workload.AddTo(command, withRuntime: false);
            Ui.AddTo(command);
            Recording.AddTo(command);
            command.Options.Add(Interval);
            command.SetAction((parse, cancel) => Execute(this, parse, cancel));
        }
    }

    public static Command Create(RootCommand root)
    {
        var command = new Command("tui", "The terminal UI: run the workloads with single keys and watch them live.");
        new Options().AddTo(command);
        new Options().AddTo(root);
        return command;
    }

    private static async Task<int> Execute(Options o, ParseResult parse, CancellationToken cancel)
    {
        var (spec, autoN) = o.Workload.Read(parse);
        var every = o.Interval.ValueIn(parse);
        var options = o.Ui.Read(parse);
        var record = o.Recording.Read(parse, spec.Mode.Name());
        TerminalCheck.RequireInteractive();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);

        // One brief calibration: N auto and effective parallelism both need this machine's single-thread speed. It runs
        // (in a worker process) while the terminal UI starts, which takes about as long.
        var calibration = Calibration.MeasureSingleThreadRateAsync(TimeSpan.FromMilliseconds(200), stop.Token);
        Observation? observation = null;
        LiveController? controller = null;
        try
        {
            MonitorApp.Run(() =>
            {
                double rate = calibration.GetAwaiter().GetResult();
                if (autoN) spec = spec with { N = Calibration.AutoN(rate, spec.Work) };
                // The first snapshot a quarter of a second into the run: people look for it right after starting.
                observation = new Observation(DiagnosticsLevel.Full, every, new SingleThreadRate(rate), record?.Stacks ?? false, TimeSpan.FromMilliseconds(250));
                // The UI keeps K for the multi-worker modes while single runs one: starting in single must not make K 1.
                int k = spec.Mode == RunMode.Single ? WorkloadLimits.DefaultWorkers : spec.Workers;
                controller = new LiveController(
                    new WorkloadSettings(spec.Mode, k, spec.N, spec.Work), observation, parse.GetValue(o.Recording.TraceDir), AppLifetime.Stopping);
                if (record is not null && controller.StartRecording(record.Directory) is { } why) throw new UsageException(why);
                controller.Start(controller.Settings);
                return controller;
            }, options, stop.Token);
        }
        finally
        {
            if (controller is not null) await controller.DisposeAsync();
            if (observation is not null) await observation.DisposeAsync();
        }
        // Ended by SIGTERM/SIGHUP rather than q: say so, as `monitor run` does.
        return AppLifetime.Stopping.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }
}
