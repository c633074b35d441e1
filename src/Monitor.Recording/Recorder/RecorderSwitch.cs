using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Recording.Bundles;
using Monitor.Model;

namespace Monitor.Recording;

/// <summary>
/// The one place a session's sources hand their data to whichever recorder is running, so recording can start and
/// stop in the middle of a session (the TUI's record key) without rewiring anything: wire <see cref="StreamFor"/> as
/// the EventPipe observer's copy tap, <see cref="WriteOsSample"/> to the aggregator's raw readings and
/// <see cref="WriteSnapshot"/> to the snapshot clock, once. With no recorder running they do nothing.
/// </summary>
/// <remarks>It also keeps the runs going on (<see cref="RunStarted"/>, <see cref="RunEnded"/>), so that a recording
/// started in the middle of a run lists that run too.</remarks>
public sealed class RecorderSwitch
{
    private readonly object _runsGate = new();
    private readonly List<(object Key, BundleRun Run)> _running = new();
    private TraceRecorder? _current;

    /// <summary>The running recorder, or null.</summary>
    public TraceRecorder? Current => Volatile.Read(ref _current);

    /// <summary>Starts a new bundle (see <see cref="TraceRecorder.Start"/>); throws if one is being recorded already.</summary>
    public TraceRecorder Start(string directory, BundleManifest header)
    {
        if (Current is not null) throw new InvalidOperationException("a recording is already running");
        // Under the runs' gate: a run that starts or ends meanwhile is either in the list given to the recorder or
        // reported to it after it is current, never lost between the two.
        lock (_runsGate)
        {
            var recorder = TraceRecorder.Start(directory, header);
            if (Interlocked.CompareExchange(ref _current, recorder, null) is not null)
            {
                recorder.Stop();
                throw new InvalidOperationException("a recording is already running");
            }
            foreach (var (key, run) in _running) recorder.Run(key, run);
            return recorder;
        }
    }

    /// <summary>Stops the running recorder and writes its manifest; null if none was running. Processes attached
    /// from now on are not recorded.</summary>
    public BundleManifest? Stop(System.Text.Json.JsonElement? result = null, double? effectiveParallelism = null) =>
        Interlocked.Exchange(ref _current, null)?.Stop(result, effectiveParallelism);

    /// <summary>A run has started (<paramref name="key"/> stands for it until it ends): the running recording lists it,
    /// and so will one started before it ends.</summary>
    public void RunStarted(object key, BundleRun run)
    {
        lock (_runsGate)
        {
            _running.Add((key, run));
            Current?.Run(key, run);
        }
    }

    /// <summary>The run <paramref name="key"/> has ended: <paramref name="end"/> completes what was known of it at the
    /// start. The running recording, if any, lists the run as ended.</summary>
    public void RunEnded(object key, Func<BundleRun, BundleRun> end)
    {
        lock (_runsGate)
        {
            int i = _running.FindIndex(r => ReferenceEquals(r.Key, key));
            if (i < 0) return;
            var ended = end(_running[i].Run);
            _running.RemoveAt(i);
            Current?.Run(key, ended);
        }
    }

    public Stream? StreamFor(int pid) => Current?.StreamFor(pid);

    /// <summary>As <see cref="StreamFor(int)"/> for a process of another role ("external": one attached to).</summary>
    public Stream? StreamFor(int pid, string role) => Current?.StreamFor(pid, role);

    public void WriteOsSample(ProcessCounters counters) => Current?.WriteOsSample(counters);

    public void WriteSnapshot(Snapshot snapshot) => Current?.WriteSnapshot(snapshot);
}
