using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Recording.Bundles;
using Monitor.Model;

namespace Monitor.Recording;

/// <summary>
/// The one place a session's sources hand their data to whichever recorder is running, so recording can start and
/// stop in the middle of a session (the TUI's record key) without rewiring anything: wire <see cref="StreamFor"/> as
/// the EventPipe observer's copy tap and <see cref="WriteOsSample"/> to the aggregator's raw readings, and add it to the
/// session's sinks, once. With no recorder running they do nothing.
/// </summary>
/// <remarks>It also keeps the runs going on (<see cref="RunStarted"/>, <see cref="RunFinished"/>), so that a recording
/// started in the middle of a run lists that run too.</remarks>
public sealed class RecorderSwitch : IMonitorSink
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

    /// <summary>A run has started: the running recording lists it, and so will one started before it ends.</summary>
    public void RunStarted(RunStart run)
    {
        lock (_runsGate)
        {
            var listed = BundleRunOf(run);
            _running.Add((run, listed));
            Current?.Run(run, listed);
        }
    }

    /// <summary>The run has ended: the running recording, if any, lists how, with its result line.</summary>
    public void RunFinished(RunSummary result, RunStart? started)
    {
        if (started is null) return;
        lock (_runsGate)
        {
            int i = _running.FindIndex(r => ReferenceEquals(r.Key, started));
            if (i < 0) return;
            var listed = _running[i].Run;
            var ended = listed with
            {
                EndedAt = listed.StartedAt + TimeSpan.FromMilliseconds(result.ElapsedMs),
                Pids = listed.Pids.Union(result.Pids).ToArray(),
                Correct = result.Correct,
                Failure = result.Failure,
                Result = ResultJson.ToElement(result),
            };
            _running.RemoveAt(i);
            Current?.Run(started, ended);
        }
    }

    private static BundleRun BundleRunOf(RunStart run) => new()
    {
        Mode = run.Spec.Mode.Name(),
        Work = run.Spec.Work.Name(),
        Runtime = run.Spec.RuntimeName,
        Workers = run.Spec.Workers,
        N = run.Spec.N,
        SwitchMs = run.Spec.Mode == RunMode.Gil ? run.Spec.SwitchMs : null,
        StartedAt = run.StartedAt,
        Pids = run.Pids,
    };

    public Stream? StreamFor(int pid) => Current?.StreamFor(pid);

    /// <summary>As <see cref="StreamFor(int)"/> for a process of another role ("external": one attached to).</summary>
    public Stream? StreamFor(int pid, string role) => Current?.StreamFor(pid, role);

    public void WriteOsSample(ProcessCounters counters) => Current?.WriteOsSample(counters);

    public void SnapshotTaken(Snapshot snapshot) => Current?.WriteSnapshot(snapshot);
}
