using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>What `monitor attach` was asked: the processes (distinct pids), how often to take a snapshot, where to
/// record, whether to follow the .NET processes they start (<paramref name="Children"/>), and whether live stacks are
/// on from the start (<paramref name="Stacks"/>: --stacks; s turns them on and off in the UI).</summary>
public sealed record AttachRequest(IReadOnlyList<int> Pids, TimeSpan Interval, RecordingRequest? Record, string? TraceDir, bool Children = false, bool Stacks = false);

/// <summary>`monitor attach`'s sessions: the same snapshots for running .NET processes Monitor did not start.</summary>
public static class AttachSession
{
    /// <summary>Observes <paramref name="request"/>'s processes: recording first when asked (so the sessions' bytes
    /// reach the bundle), then the sessions. A process that cannot be watched (gone, not .NET, another user's) is
    /// refused with <see cref="RequestRefusedException"/>, the user's input to fix.</summary>
    /// <param name="note">hears what happens to the processes while they are watched, one line each.</param>
    public static async Task<AttachTargets> AttachAsync(
        Observation observation, SessionRecording recording, AttachRequest request, Action<string> note, CancellationToken stop)
    {
        if (request.Record is { } record && recording.Start(BundleHeader.ForAttach(record.Stacks), "attach", record.Directory) is { } why)
        {
            throw new RequestRefusedException(why);
        }
        try
        {
            return await AttachTargets.StartAsync(observation, request, note, stop).ConfigureAwait(false);
        }
        catch (RequestRefusedException)
        {
            recording.Stop();
            throw;
        }
    }

    /// <summary>Headless: snapshots to <paramref name="sink"/> until every process watched has exited,
    /// <paramref name="limit"/> passes or <paramref name="stop"/> fires, all normal ways out. One of several that
    /// exits is said on stderr and the others are watched on.</summary>
    /// <exception cref="SinkFailedException">the output failed (stdout closed by its reader, a full disk): the attach
    /// ended for it.</exception>
    /// <param name="alsoTell">sinks told after <paramref name="sink"/> (exporters), whose loss does not end the attach.</param>
    public static async Task ExecuteAsync(AttachRequest request, TimeSpan? limit, IMonitorSink sink, CancellationToken cancel, IReadOnlyList<IMonitorSink>? alsoTell = null)
    {
        await using var observation = new Observation(DiagnosticsLevel.Full, request.Interval, singleThreadRate: null, request.Record?.Stacks ?? false);
        if (request.Stacks) observation.Stacks.Enabled = true;
        using var output = new CommandOutput(observation, sink, alsoTell, cancel);
        var stop = output.Token;
        var recording = new SessionRecording(observation, request.TraceDir, Say);
        await using (var targets = await AttachAsync(observation, recording, request, Say, stop).ConfigureAwait(false))
        {
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stop);
            if (limit is { } l) ending.CancelAfter(l);
            await targets.RunAsync(untilAllGone: true, ending.Token).ConfigureAwait(false);
            await observation.FinishAsync().ConfigureAwait(false);
        }
        recording.Stop();
        output.ThrowIfLost();

        static void Say(string message) => Console.Error.WriteLine($"monitor: {message}");
    }
}
