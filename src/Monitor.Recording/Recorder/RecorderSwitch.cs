using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Recording.Bundles;
using Monitor.Snapshots;

namespace Monitor.Recording;

/// <summary>
/// The one place a session's sources hand their data to whichever recorder is running, so recording can start and
/// stop in the middle of a session (the TUI's record key) without rewiring anything: wire <see cref="StreamFor"/> as
/// the EventPipe observer's copy tap, <see cref="WriteOsSample"/> to the aggregator's raw readings and
/// <see cref="WriteSnapshot"/> to the snapshot clock, once. With no recorder running they do nothing.
/// </summary>
public sealed class RecorderSwitch
{
    private TraceRecorder? _current;

    /// <summary>The running recorder, or null.</summary>
    public TraceRecorder? Current => Volatile.Read(ref _current);

    /// <summary>Starts a new bundle (see <see cref="TraceRecorder.Start"/>); throws if one is being recorded already.</summary>
    public TraceRecorder Start(string directory, BundleManifest header)
    {
        if (Current is not null) throw new InvalidOperationException("a recording is already running");
        var recorder = TraceRecorder.Start(directory, header);
        if (Interlocked.CompareExchange(ref _current, recorder, null) is not null)
        {
            recorder.Stop();
            throw new InvalidOperationException("a recording is already running");
        }
        return recorder;
    }

    /// <summary>Stops the running recorder and writes its manifest; null if none was running. Processes attached
    /// from now on are not recorded.</summary>
    public BundleManifest? Stop(System.Text.Json.JsonElement? result = null, double? effectiveParallelism = null) =>
        Interlocked.Exchange(ref _current, null)?.Stop(result, effectiveParallelism);

    public Stream? StreamFor(int pid) => Current?.StreamFor(pid);

    public void WriteOsSample(ProcessCounters counters) => Current?.WriteOsSample(counters);

    public void WriteSnapshot(Snapshot snapshot) => Current?.WriteSnapshot(snapshot);
}
