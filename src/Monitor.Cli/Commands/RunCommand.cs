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
        var command = new Command("run", "Run one workload headless and print its result.");
        workload.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(interval);
        command.Options.Add(diagnostics);
        recording.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var (spec, autoN) = workload.Read(parse);
            var every = interval.ValueIn(parse);
            var level = diagnostics.ValueIn(parse);
            var record = recording.Read(parse, spec.Mode.Name());
            if (record is not null && level == DiagnosticsLevel.None) throw new UsageException("recording needs --diagnostics full or os: with none there is nothing to record");
            bool asJson = parse.GetValue(json);
            IRunSink sink = asJson
                ? new JsonLinesSink(Console.OpenStandardOutput())
                : new ConsoleTextSink(Console.Out, !Console.IsOutputRedirected);
            // With --json, stdout is a contract of JSON lines: what Monitor says about the recording goes to stderr.
            var notes = asJson ? Console.Error : Console.Out;
            return ExecuteAsync(spec, autoN, level, every, sink, cancel, record, notes);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(
        WorkloadSpec spec, bool autoN, DiagnosticsLevel level, TimeSpan interval, IRunSink sink, CancellationToken cancel,
        RecordingRequest? record = null, TextWriter? notes = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        try
        {
            // The single-thread rate serves both N auto and effective parallelism; without diagnostics it is only
            // measured when N must be chosen, so `--diagnostics none` runs exactly the workload.
            // Alongside the calibration (one busy thread), before any worker of the run exists.
            Task warmUp = level == DiagnosticsLevel.Full && spec.Runtime == WorkerRuntime.Dotnet ? ObservationWarmUp.RunAsync(stop.Token) : Task.CompletedTask;
            SingleThreadRate? rate = autoN || level != DiagnosticsLevel.None
                ? new SingleThreadRate(await Calibration.MeasureSingleThreadRateAsync(Calibration.DefaultDuration, stop.Token, spec.Runtime))
                : null;
            await warmUp;
            if (autoN)
            {
                spec = spec with { N = Calibration.AutoN(rate!.Calibrated, spec.Work, spec.Runtime) };
                sink.OnCalibrated(spec.N, rate.Calibrated);
            }
            await using var observation = new Observation(level, interval, rate, record?.Stacks ?? false);
            observation.SnapshotTaken += sink.OnSnapshot;
            var recorder = record is null ? null : StartRecording(observation, record, spec, rate);
            try
            {
                return await RunAsync(spec, level, interval, sink, observation, recorder, notes, stop);
            }
            finally
            {
                // The run failed to start or broke: the bundle still gets its manifest, saying it has no result.
                if (observation.Recording.Stop() is not null) notes?.WriteLine($"monitor: recorded {record!.Directory} without a result");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    private static TraceRecorder StartRecording(Observation observation, RecordingRequest record, WorkloadSpec spec, SingleThreadRate? rate)
    {
        TraceRecorder recorder;
        try
        {
            recorder = observation.Recording.Start(record.Directory, BundleHeader.For(spec, rate?.Calibrated, record.Stacks));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot record into {record.Directory}: {e.Message}");
        }
        recorder.Failed += reason => Console.Error.WriteLine(
            $"monitor: recording stopped: {reason}; the bundle {recorder.Directory} is incomplete (the run goes on)");
        return recorder;
    }

    private static async Task<int> RunAsync(
        WorkloadSpec spec, DiagnosticsLevel level, TimeSpan interval, IRunSink sink, Observation observation,
        TraceRecorder? recorder, TextWriter? notes, CancellationTokenSource stop)
    {
        Task ticking = Task.CompletedTask;
        using var timer = new PeriodicTimer(interval);
        var (result, totals) = await observation.RunToEndAsync(spec, run =>
        {
            sink.OnStarted(run);
            if (level == DiagnosticsLevel.None) ticking = Tick(run, timer, sink, stop.Token);
        }, stop.Token);
        timer.Dispose();
        await ticking;
        sink.OnResult(result, totals);
        if (recorder is not null) FinishRecording(observation, recorder, result, totals, notes);
        if (stop.IsCancellationRequested) return ExitCodes.Interrupted;
        return result.Correct ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void FinishRecording(Observation observation, TraceRecorder recorder, RunResult result, RunDiagnostics totals, TextWriter? notes)
    {
        double? parallelism = totals.EffectiveParallelism is { } p ? Math.Round(p, 2) : null;
        var manifest = observation.Recording.Stop(ResultJson.ToElement(result, totals), parallelism)!;
        notes?.WriteLine(manifest.Complete
            ? $"monitor: recorded {recorder.Directory} ({recorder.BytesWritten:N0} bytes); see monitor analyze"
            : $"monitor: recording {recorder.Directory} is incomplete: {manifest.Failure}");
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
