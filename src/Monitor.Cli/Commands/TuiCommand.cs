using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sessions;
using Monitor.Runners;
using Monitor.Tui;
using Monitor.Tui.Control;
using Monitor.Workloads;

namespace Monitor.Cli.Commands;

/// <summary>`monitor` / `monitor tui`: the terminal UI that runs workloads and shows them live.</summary>
public static class TuiCommand
{
    public static Command Create(RootCommand root)
    {
        var workload = new WorkloadOptions();
        var ui = new UiOptions();
        var interval = new Option<string>("--interval") { Description = "ms between snapshots (min 100)", DefaultValueFactory = _ => "1000" };
        var command = new Command("tui", "The terminal UI: run the workloads with single keys and watch them live.");
        workload.AddTo(command, withRuntime: false);
        ui.AddTo(command);
        command.Options.Add(interval);
        command.SetAction((parse, cancel) => Execute(workload, ui, interval, parse, cancel));

        // `monitor` with no command opens the same UI with the defaults.
        workload.AddTo(root, withRuntime: false);
        ui.AddTo(root);
        root.Options.Add(interval);
        root.SetAction((parse, cancel) => Execute(workload, ui, interval, parse, cancel));
        return command;
    }

    private static async Task<int> Execute(WorkloadOptions workload, UiOptions ui, Option<string> interval, ParseResult parse, CancellationToken cancel)
    {
        var (spec, autoN) = workload.Read(parse);
        var every = IntervalOption.Read(parse.GetValue(interval)!);
        var options = ui.Read(parse);
        TerminalCheck.RequireInteractive();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);

        // One brief calibration: N auto and effective parallelism both need this machine's single-thread speed. It runs
        // (in a worker process) while the terminal UI starts, which takes about as long.
        var calibration = Calibration.MeasureIterationsPerSecondAsync(TimeSpan.FromMilliseconds(200), stop.Token);
        Observation? observation = null;
        LiveController? controller = null;
        try
        {
            MonitorApp.Run(() =>
            {
                double rate = calibration.GetAwaiter().GetResult();
                if (autoN) spec = spec with { N = Calibration.AutoN(rate, spec.Work) };
                // The first snapshot a quarter of a second into the run: people look for it right after starting.
                observation = new Observation(DiagnosticsLevel.Full, every, rate, TimeSpan.FromMilliseconds(250));
                // The UI keeps K for the multi-worker modes while single runs one: starting in single must not make K 1.
                int k = spec.Mode == RunMode.Single ? WorkloadOptions.DefaultWorkers : spec.Workers;
                controller = new LiveController(new WorkloadSettings(spec.Mode.Name(), k, spec.N, spec.Work.Name()), observation, rate);
                controller.Start(controller.Settings);
                return controller;
            }, options, stop.Token);
        }
        finally
        {
            if (controller is not null) await controller.DisposeAsync();
            if (observation is not null) await observation.DisposeAsync();
        }
        return ExitCodes.Ok;
    }
}
