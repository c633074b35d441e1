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
    /// run started. Throws <see cref="RequestRefusedException"/> when the recording cannot be made.
    /// <paramref name="alsoTell"/>: sinks told after <paramref name="sink"/> (exporters), whose loss does not end the run.</summary>
    public static async Task<RunSummary?> ExecuteAsync(
        WorkloadSpec spec, bool autoN, DiagnosticsLevel level, TimeSpan interval, IMonitorSink sink, CancellationToken stop,
        RecordingRequest? record = null, TextWriter? notes = null, IReadOnlyList<IMonitorSink>? alsoTell = null)
    {
        CommandOutput? output = null;
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
            if (autoN) spec = spec with { N = Calibration.AutoN(rate!.Calibrated, spec.Work, spec.Runtime) };
            await using var observation = new Observation(level, interval, rate, record?.Stacks ?? false);
            output = new CommandOutput(observation, sink, alsoTell, stop);
            using var ownOutput = output;
            var recorder = record is null ? null : StartRecording(observation, record, spec, rate);
            try
            {
                var result = await observation.RunToEndAsync(spec, started: null, output.Token, autoN ? rate!.Calibrated : null).ConfigureAwait(false);
                output.ThrowIfLost();
                if (recorder is not null) FinishRecording(observation, recorder, result, notes);
                return result;
            }
            finally
            {
                // The run failed to start or broke: the bundle still gets its manifest, saying it has no result.
                if (observation.Recording.Stop() is { } manifest)
                {
                    notes?.WriteLine(manifest.Complete
                        ? $"monitor: recorded {record!.Directory} without a result"
                        : $"monitor: recording {record!.Directory} is incomplete: {manifest.Failure}");
                }
            }
        }
        catch (OperationCanceledException) when (output?.Failure is { } lost)
        {
            throw new SinkFailedException(lost);
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

    private static void FinishRecording(Observation observation, TraceRecorder recorder, RunSummary result, TextWriter? notes)
    {
        double? parallelism = result.EffectiveParallelism is { } p ? Math.Round(p, 2) : null;
        var manifest = observation.Recording.Stop(ResultJson.ToElement(result), parallelism)!;
        notes?.WriteLine(manifest.Complete
            ? $"monitor: recorded {recorder.Directory} ({recorder.BytesWritten:N0} bytes); see monitor analyze"
            : $"monitor: recording {recorder.Directory} is incomplete: {manifest.Failure}");
    }
}
