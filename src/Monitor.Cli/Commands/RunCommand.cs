using System.CommandLine;
using Monitor.Cli.Hosting;
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
        var interval = new Option<string>("--interval") { Description = "ms between progress reports (min 100)", DefaultValueFactory = _ => "1000" };
        var command = new Command("run", "Run one workload headless and print its result.");
        workload.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(interval);
        command.SetAction((parse, cancel) =>
        {
            var (spec, autoN) = workload.Read(parse);
            var every = IntervalOption.Read(parse.GetValue(interval)!);
            IRunSink sink = parse.GetValue(json)
                ? new JsonLinesSink(Console.OpenStandardOutput())
                : new ConsoleTextSink(Console.Out, !Console.IsOutputRedirected);
            return ExecuteAsync(spec, autoN, every, sink, cancel);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(WorkloadSpec spec, bool autoN, TimeSpan interval, IRunSink sink, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        try
        {
            var (resolved, rate) = await WorkloadOptions.ResolveAutoN(spec, autoN, stop.Token);
            if (rate is { } r) sink.OnCalibrated(resolved.N, r);
            await using var run = await WorkloadRunner.StartAsync(resolved, observer: null, stop.Token);
            sink.OnStarted(run);
            using var timer = new PeriodicTimer(interval);
            var ticking = Tick(run, timer, sink, stop.Token);
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
            sink.OnResult(result);
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
