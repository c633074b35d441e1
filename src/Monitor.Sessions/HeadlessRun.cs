using Monitor.Model;
using Monitor.Recording;
using Monitor.Runners;

namespace Monitor.Sessions;

/// <summary>
/// `monitor run`'s session: the calibration (and the observation's and the JSON's warm-ups beside it), the observation,
/// the recording when asked, and the run to its end, reported to one sink. Notes about the recording go to
/// <c>notes</c> (stderr when stdout is a contract of JSON lines).
/// </summary>
public static class HeadlessRun
{
    /// <summary>Runs <paramref name="spec"/>; returns its result, or null when <paramref name="stop"/> fired before the
    /// run started. Throws <see cref="RequestRefusedException"/> when the recording cannot be made.</summary>
    public static async Task<RunResult?> ExecuteAsync(
        WorkloadSpec spec, bool autoN, DiagnosticsLevel level, TimeSpan interval, IRunSink sink, CancellationToken stop,
        RecordingRequest? record = null, TextWriter? notes = null)
    {
        try
        {
            // The single-thread rate serves both N auto and effective parallelism; without diagnostics it is only
            // measured when N must be chosen, so `--diagnostics none` runs exactly the workload.
            // Alongside the calibration (one busy thread), before any worker of the run exists.
            Task warmUp = level == DiagnosticsLevel.Full && spec.Runtime == WorkerRuntime.Dotnet ? ObservationWarmUp.RunAsync(stop) : Task.CompletedTask;
            Task json = Task.Run(JsonWarmUp.Run, CancellationToken.None);
            SingleThreadRate? rate = autoN || level != DiagnosticsLevel.None
                ? new SingleThreadRate(await Calibration.MeasureSingleThreadRateAsync(Calibration.DefaultDuration, stop, spec.Runtime).ConfigureAwait(false))
                : null;
            await warmUp.ConfigureAwait(false);
            await json.ConfigureAwait(false);
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
                return await RunAsync(spec, level, interval, sink, observation, recorder, notes, stop).ConfigureAwait(false);
            }
            finally
            {
                // The run failed to start or broke: the bundle still gets its manifest, saying it has no result.
                if (observation.Recording.Stop() is not null) notes?.WriteLine($"monitor: recorded {record!.Directory} without a result");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
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
            throw new RequestRefusedException($"cannot record into {record.Directory}: {e.Message}", e);
        }
        recorder.Failed += reason => Console.Error.WriteLine(
            $"monitor: recording stopped: {reason}; the bundle {recorder.Directory} is incomplete (the run goes on)");
        return recorder;
    }

    private static async Task<RunResult> RunAsync(
        WorkloadSpec spec, DiagnosticsLevel level, TimeSpan interval, IRunSink sink, Observation observation,
        TraceRecorder? recorder, TextWriter? notes, CancellationToken stop)
    {
        Task ticking = Task.CompletedTask;
        using var timer = new PeriodicTimer(interval);
        var (result, totals) = await observation.RunToEndAsync(spec, run =>
        {
            sink.OnStarted(run);
            if (level == DiagnosticsLevel.None) ticking = Tick(run, timer, sink, stop);
        }, stop).ConfigureAwait(false);
        timer.Dispose();
        await ticking.ConfigureAwait(false);
        sink.OnResult(result, totals);
        if (recorder is not null) FinishRecording(observation, recorder, result, totals, notes);
        return result;
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
            while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false) && !run.IsCompleted) sink.OnTick(run);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
