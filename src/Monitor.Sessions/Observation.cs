using System.Collections.Concurrent;
using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Recording;
using Monitor.Recording.Bundles;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// Wires the sources to the aggregator for one command: the EventPipe observer that holds each worker at start, the
/// OS sampler, and the clock that emits a snapshot every interval; its <see cref="Sinks"/> hear of every run's start,
/// each snapshot and every run's end. A recording, when one is started through <see cref="Recording"/> (always one of
/// the sinks), receives the very bytes, readings and snapshots the live view uses.
/// </summary>
public sealed class Observation : IAsyncDisposable
{
    private readonly DiagnosticPortObserver? _eventPipe;
    private readonly SnapshotClock _clock;
    private readonly ConcurrentDictionary<WorkloadRun, RunStart> _starts = new();

    /// <param name="sampleStacks">Sessions also sample stacks (for flame graphs of a recording); decided here because
    /// a session's providers are fixed when a worker is attached.</param>
    /// <param name="firstSnapshot">when the first snapshot comes after a run starts (the UI wants it sooner than one
    /// interval); null: after one interval.</param>
    /// <param name="recording">another observation's recordings, to record into them (a comparison started from the
    /// UI); null: recordings of this observation's own.</param>
    /// <param name="timeOrigin">another observation's <see cref="TimeOrigin"/>, so that snapshots of both share one
    /// time line (on screen and in a recording they share); null: this observation's start.</param>
    public Observation(DiagnosticsLevel level, TimeSpan interval, SingleThreadRate? singleThreadRate, bool sampleStacks = false, TimeSpan? firstSnapshot = null,
        RecorderSwitch? recording = null, long? timeOrigin = null)
    {
        Level = level;
        SampleStacks = sampleStacks;
        SingleThreadRate = singleThreadRate;
        Recording = recording ?? new RecorderSwitch();
        Sinks.Add(Recording);
        // Without diagnostics the snapshots carry the run's own progress only: nothing is sampled or attached.
        bool observed = level != DiagnosticsLevel.None;
        Aggregator = observed
            ? new SnapshotAggregator(ThreadSamplers.ForCurrentOs(), singleThreadRate, origin: timeOrigin)
            : new SnapshotAggregator(sampler: null, singleThreadRate: null, origin: timeOrigin, machineBusyMs: () => null);
        if (observed) Aggregator.Watch(Environment.ProcessId, ProcessRole.Monitor);
        Aggregator.CountersRead += Recording.WriteOsSample;
        if (level == DiagnosticsLevel.Full) _eventPipe = new DiagnosticPortObserver(Aggregator, interval, Recording.StreamFor, sampleStacks: sampleStacks);
        Stacks = new LiveStacks(Aggregator);
        _clock = new SnapshotClock(Aggregator, interval, firstSnapshot);
        _clock.SnapshotTaken += s =>
        {
            if (!Muted) Sinks.SnapshotTaken(s);
        };
    }

    public DiagnosticsLevel Level { get; }

    /// <summary>One thread's rate in this session (the unit of effective parallelism); null where not measured.</summary>
    public SingleThreadRate? SingleThreadRate { get; }

    /// <summary>Whether the sessions sample stacks (fixed for the observation's life).</summary>
    public bool SampleStacks { get; }

    /// <summary>Starts and stops recordings of this observation (a .nettrace per worker attached while recording).</summary>
    public RecorderSwitch Recording { get; }

    /// <summary>While another observation reports for this session (the UI's comparison runs under observations of
    /// their own), this one's periodic snapshots are dropped: the screen and the recording show one run at a time.</summary>
    public bool Muted { get; set; }

    public SnapshotAggregator Aggregator { get; }

    /// <summary>Live stacks of the attached processes, in bursts (off until turned on).</summary>
    public LiveStacks Stacks { get; }

    /// <summary>When this observation's snapshots count their T from (a timestamp of the system clock).</summary>
    public long TimeOrigin => Aggregator.Origin;

    /// <summary>Who hears of runs and snapshots: the recording first, then whatever the command adds.</summary>
    public SinkSet Sinks { get; } = new();

    /// <param name="autoNRate">the single-thread rate N was chosen from, when it was chosen for this machine.</param>
    public async Task<WorkloadRun> StartRunAsync(WorkloadSpec spec, CancellationToken cancel, double? autoNRate = null)
    {
        var run = await WorkloadRunner.StartAsync(spec, _eventPipe, cancel).ConfigureAwait(false);
        Aggregator.Follow(run);
        _clock.Start();
        var start = new RunStart(spec, run.StartedAt, run.Processes.Select(p => p.Pid).ToArray(), autoNRate);
        _starts[run] = start;
        Sinks.RunStarted(start);
        return run;
    }

    /// <summary>Tells the sinks how <paramref name="run"/> ended, once it is settled; returns what they were told.</summary>
    public RunSummary RunEnded(WorkloadRun run, RunResult result, RunDiagnostics totals)
    {
        var summary = RunSummaries.From(result, totals);
        if (_starts.TryRemove(run, out var start)) Sinks.RunFinished(summary, start);
        return summary;
    }

    /// <summary>Watches a running .NET process Monitor did not start; throws AttachFailedException saying why not.</summary>
    public async Task<ExternalProcessSession> AttachAsync(int pid, TimeSpan interval, CancellationToken cancel)
    {
        if (Level != DiagnosticsLevel.Full) throw new InvalidOperationException("attach needs diagnostics");
        var session = await ExternalProcessSession.StartAsync(pid, Aggregator, interval, p => Recording.StreamFor(p, ProcessRole.External.Name()), cancel: cancel, sampleStacks: SampleStacks).ConfigureAwait(false);
        Aggregator.Watch(pid, ProcessRole.External);
        Stacks.Add(pid);
        Aggregator.Prime();
        _clock.Start();
        return session;
    }

    /// <summary>Starts the periodic snapshots before anything is attached or run (a session that waits for processes
    /// to come still reports Monitor's own).</summary>
    public void StartSnapshots() => _clock.Start();

    /// <summary>Stops watching <paramref name="pid"/> (a process attached with <see cref="AttachAsync"/> whose session
    /// its owner has ended): later snapshots no longer list it, and what was known of it is dropped.</summary>
    public void Forget(int pid)
    {
        _ = Stacks.RemoveAsync(pid);
        Aggregator.Unwatch(pid);
    }

    /// <summary>
    /// Runs <paramref name="spec"/> to its end under this observation: started, awaited (stopped as "interrupted" when
    /// <paramref name="stop"/> fires), finished (see <see cref="FinishAsync"/>), and the run's totals read.
    /// <paramref name="started"/> sees the run once its workers are going.
    /// </summary>
    public async Task<RunSummary> RunToEndAsync(WorkloadSpec spec, Action<WorkloadRun>? started, CancellationToken stop, double? autoNRate = null)
    {
        await using var run = await StartRunAsync(spec, stop, autoNRate).ConfigureAwait(false);
        started?.Invoke(run);
        RunResult result;
        try
        {
            result = await run.Completion.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopRunAsync(run, RunOutcome.Interrupted).ConfigureAwait(false);
            result = await run.Completion.ConfigureAwait(false);
        }
        await FinishAsync().ConfigureAwait(false);
        result = WithObservedPeak(run, result);
        return RunEnded(run, result, Totals(run));
    }

    /// <summary>
    /// The result with each process's peak memory at least the most resident memory the snapshots showed of it. The
    /// peak a worker reports at exit is the kernel's VmHWM, which is updated lazily (and resident pages are counted per
    /// CPU), so it can come out below a resident set read earlier in the run: the result then claimed a peak lower than
    /// a working set its own snapshots had shown.
    /// </summary>
    public RunResult WithObservedPeak(WorkloadRun run, RunResult result)
    {
        if (result.PeakWorkingSetBytes is null) return result;
        long peak = run.Processes.Sum(p => p.Usage.Sum(u => Math.Max(u.PeakWorkingSetBytes, Aggregator.MostResidentBytes(u.Pid) ?? 0)));
        return peak > result.PeakWorkingSetBytes ? result with { PeakWorkingSetBytes = peak } : result;
    }

    /// <summary>Ends <paramref name="run"/>'s processes, reading what they used first (the sampler sees the children
    /// they made too), so that the result of a stopped or interrupted run still gives its CPU time.</summary>
    public Task StopRunAsync(WorkloadRun run, RunOutcome why) => run.StopAsync(why, () => Aggregator.ReadBeforeEnding(run));

    /// <summary>Ends observing a finished run: waits until every session has read its process's last event (a
    /// worker's stream is still draining when its result arrives on the pipe), stops the periodic snapshots, and takes
    /// a last one covering the end of the run. Totals and recordings then hold everything, and no snapshot follows the
    /// result.</summary>
    public async Task<Snapshot> FinishAsync()
    {
        if (_eventPipe is not null) await _eventPipe.StopAsync().ConfigureAwait(false);
        await _clock.StopAsync().ConfigureAwait(false);
        return _clock.TakeNow();
    }

    /// <summary>For a session that goes on after a run (the UI): waits until the sessions of <paramref name="run"/>'s
    /// processes have read their last event, then takes a snapshot covering the end of the run; the periodic
    /// snapshots go on.</summary>
    public async Task<Snapshot> SettleAsync(WorkloadRun run)
    {
        if (_eventPipe is not null) await _eventPipe.StopAsync(run.Processes.Select(p => p.Pid).ToArray()).ConfigureAwait(false);
        return _clock.TakeNow();
    }

    /// <summary>What was observed over <paramref name="run"/>, once it has ended and its last snapshot was taken:
    /// its effective parallelism is the one that snapshot gave.</summary>
    public RunDiagnostics Totals(WorkloadRun run)
    {
        var parallelism = Aggregator.CompletedRun
            ?? (SingleThreadRate is { } rate && run.Completion.IsCompletedSuccessfully
                ? RunParallelism.Of(run.Completion.Result, rate, Environment.ProcessorCount, otherCpuPercent: null)
                : RunParallelism.None);
        if (Level == DiagnosticsLevel.None) return RunDiagnostics.None with { Parallelism = parallelism };
        // Runtime events come from EventPipe, which only .NET workers speak: a Python run has no contention count,
        // not a count of zero.
        bool runtime = Level == DiagnosticsLevel.Full && run.Spec.Runtime == WorkerRuntime.Dotnet;
        return new RunDiagnostics(
            runtime ? Aggregator.ContentionCount : null,
            runtime ? Aggregator.ContentionWaitMs : null,
            runtime ? run.Processes.Sum(p => Aggregator.GcCount(p.Pid)) : null,
            parallelism);
    }

    public async ValueTask DisposeAsync()
    {
        await Stacks.DisposeAsync().ConfigureAwait(false);
        await _clock.DisposeAsync().ConfigureAwait(false);
        if (_eventPipe is not null) await _eventPipe.DisposeAsync().ConfigureAwait(false);
    }
}
