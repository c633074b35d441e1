using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>What `monitor attach` was asked: the process, how often to take a snapshot, where to record, and whether
/// live stacks are on from the start (--stacks; s turns them on and off in the UI).</summary>
public sealed record AttachRequest(int Pid, TimeSpan Interval, RecordingRequest? Record, string? TraceDir, bool Stacks = false);

/// <summary>`monitor attach`'s sessions: the same snapshots for a running .NET process Monitor did not start.</summary>
public static class AttachSession
{
    /// <summary>Observes <paramref name="request"/>'s process: recording first when asked (so the session's bytes
    /// reach the bundle), then the session. A process that cannot be watched (gone, not .NET, another user's) is
    /// refused with <see cref="RequestRefusedException"/>, the user's input to fix.</summary>
    public static async Task<ExternalProcessSession> AttachAsync(
        Observation observation, SessionRecording recording, AttachRequest request, CancellationToken stop)
    {
        if (request.Record is { } record && recording.Start(BundleHeader.ForAttach(request.Pid, record.Stacks), "attach", record.Directory) is { } why)
        {
            throw new RequestRefusedException(why);
        }
        try
        {
            return await observation.AttachAsync(request.Pid, request.Interval, stop).ConfigureAwait(false);
        }
        catch (AttachFailedException e)
        {
            recording.Stop();
            throw new RequestRefusedException(e.Message, e);
        }
    }

    /// <summary>Headless: snapshots to <paramref name="sink"/> until the process exits, <paramref name="limit"/> passes
    /// or <paramref name="stop"/> fires, all normal ways out.</summary>
    /// <exception cref="SinkFailedException">the output failed (stdout closed by its reader, a full disk): the attach
    /// ended for it.</exception>
    /// <param name="alsoTell">sinks told after <paramref name="sink"/> (exporters), whose loss does not end the attach.</param>
    public static async Task ExecuteAsync(AttachRequest request, TimeSpan? limit, IMonitorSink sink, CancellationToken cancel, IReadOnlyList<IMonitorSink>? alsoTell = null)
    {
        await using var observation = new Observation(DiagnosticsLevel.Full, request.Interval, singleThreadRate: null, request.Record?.Stacks ?? false);
        if (request.Stacks) observation.Stacks.Enabled = true;
        using var output = new CommandOutput(observation, sink, alsoTell, cancel);
        var stop = output.Token;
        var recording = new SessionRecording(observation, request.TraceDir, message => Console.Error.WriteLine($"monitor: {message}"));
        await using (var session = await AttachAsync(observation, recording, request, stop).ConfigureAwait(false))
        {
            var timeout = limit is { } l ? Task.Delay(l, stop) : Task.Delay(Timeout.Infinite, stop);
            var ended = await Task.WhenAny(session.Completion, timeout).ConfigureAwait(false);
            if (ended == session.Completion && session.Session.Ended is { ProcessRunsOn: true })
            {
                // As a run does: the OS figures go on until the process exits or the attach is ended; every snapshot
                // says why the runtime's are missing (the text output prints it once).
                ended = await Task.WhenAny(ProcessLiveness.WaitForExitAsync(request.Pid, stop), timeout).ConfigureAwait(false);
            }
            await observation.FinishAsync().ConfigureAwait(false);
            if (ended != timeout && !stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"monitor: process {request.Pid} has exited; attach ends");
            }
        }
        recording.Stop();
        output.ThrowIfLost();
    }
}
