using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sessions;
using Monitor.Cli.Sinks;
using Monitor.Runners;

namespace Monitor.Cli.Commands;

/// <summary>`monitor run`: one workload, headless, reported as text or NDJSON.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var json = new Option<bool>("--json") { Description = "one JSON object per line on stdout; the last line is the result" };
        var interval = new Option<string>("--interval") { Description = "ms between snapshots (min 100)", DefaultValueFactory = _ => "1000" };
        var diagnostics = new Option<string>("--diagnostics") { Description = "full (EventPipe + OS sampler) | os (OS sampler only) | none", DefaultValueFactory = _ => "full" };
        var command = new Command("run", "Run one workload headless and print its result.");
        workload.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(interval);
        command.Options.Add(diagnostics);
        command.SetAction((parse, cancel) =>
        {
            var (spec, autoN) = workload.Read(parse);
            var every = IntervalOption.Read(parse.GetValue(interval)!);
            var level = DiagnosticsLevels.Parse(parse.GetValue(diagnostics)!);
            IRunSink sink = parse.GetValue(json)
                ? new JsonLinesSink(Console.OpenStandardOutput())
                : new ConsoleTextSink(Console.Out, !Console.IsOutputRedirected);
            return ExecuteAsync(spec, autoN, level, every, sink, cancel);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(WorkloadSpec spec, bool autoN, DiagnosticsLevel level, TimeSpan interval, IRunSink sink, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        try
        {
            // The single-thread rate serves both N auto and effective parallelism; without diagnostics it is only
            // measured when N must be chosen, so `--diagnostics none` runs exactly the workload.
            double? rate = autoN || level != DiagnosticsLevel.None
                ? await Calibration.MeasureIterationsPerSecondAsync(Calibration.DefaultDuration, stop.Token, spec.Runtime)
                : null;
            if (autoN)
            {
                spec = spec with { N = Calibration.AutoN(rate!.Value, spec.Work, spec.Runtime) };
                sink.OnCalibrated(spec.N, rate.Value);
            }
            await using var observation = new Observation(level, interval, rate);
            observation.SnapshotTaken += sink.OnSnapshot;
            await using var run = await observation.StartRunAsync(spec, stop.Token);
            sink.OnStarted(run);
            Task ticking = Task.CompletedTask;
            using var timer = new PeriodicTimer(interval);
            if (level == DiagnosticsLevel.None) ticking = Tick(run, timer, sink, stop.Token);
            RunResult result;
            try
            {
                result = await run.Completion.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                await run.StopAsync("interrupted");
                result = await run.Completion;
            }
            timer.Dispose();
            await ticking;
            observation.Final();
            // The clock ticks until the observation is disposed: a snapshot after the result would break "the last
            // line is the result". Final() waited for any tick in progress.
            observation.SnapshotTaken -= sink.OnSnapshot;
            sink.OnResult(result, observation.Totals(run, rate));
            if (stop.IsCancellationRequested) return ExitCodes.Interrupted;
            return result.Correct ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    private static async Task Tick(WorkloadRun run, PeriodicTimer timer, IRunSink sink, CancellationToken cancel)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancel) && !run.IsCompleted) sink.OnTick(run);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
