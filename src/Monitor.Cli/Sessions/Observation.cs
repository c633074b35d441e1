using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Snapshots;

namespace Monitor.Cli.Sessions;

/// <summary>
/// Wires the sources to the aggregator for one command: the EventPipe observer that holds each worker at start, the
/// OS sampler, and the clock that emits a snapshot every interval. Sinks subscribe to <see cref="SnapshotTaken"/>.
/// </summary>
public sealed class Observation : IAsyncDisposable
{
    private readonly DiagnosticPortObserver? _eventPipe;
    private readonly SnapshotClock? _clock;

    /// <param name="firstSnapshot">when the first snapshot comes after a run starts (the UI wants it sooner than one
    /// interval); null: after one interval.</param>
    public Observation(DiagnosticsLevel level, TimeSpan interval, double? singleThreadRate, TimeSpan? firstSnapshot = null)
    {
        Level = level;
        if (level == DiagnosticsLevel.None) return;
        Aggregator = new SnapshotAggregator(ThreadSamplers.ForCurrentOs(), singleThreadRate);
        Aggregator.Watch(Environment.ProcessId, ProcessRole.Monitor);
        if (level == DiagnosticsLevel.Full) _eventPipe = new DiagnosticPortObserver(Aggregator, interval);
        _clock = new SnapshotClock(Aggregator, interval, firstSnapshot);
        _clock.SnapshotTaken += s => SnapshotTaken?.Invoke(s);
    }

    public DiagnosticsLevel Level { get; }

    public SnapshotAggregator? Aggregator { get; }

    public event Action<Snapshot>? SnapshotTaken;

    public async Task<WorkloadRun> StartRunAsync(WorkloadSpec spec, CancellationToken cancel)
    {
        var run = await WorkloadRunner.StartAsync(spec, _eventPipe, cancel).ConfigureAwait(false);
        Aggregator?.Follow(run);
        _clock?.Start();
        return run;
    }

    /// <summary>Watches a running .NET process Monitor did not start; throws AttachFailedException saying why not.</summary>
    public async Task<ExternalProcessSession> AttachAsync(int pid, TimeSpan interval, CancellationToken cancel)
    {
        if (Aggregator is null) throw new InvalidOperationException("attach needs diagnostics");
        var session = await ExternalProcessSession.StartAsync(pid, Aggregator, interval, cancel: cancel).ConfigureAwait(false);
        Aggregator.Watch(pid, ProcessRole.External);
        Aggregator.Prime();
        _clock?.Start();
        return session;
    }

    /// <summary>
    /// Runs <paramref name="spec"/> to its end under this observation: started, awaited (stopped as "interrupted" when
    /// <paramref name="stop"/> fires), a last snapshot taken, and the run's totals read. <paramref name="started"/> sees
    /// the run once its workers are going.
    /// </summary>
    public async Task<ObservedResult> RunToEndAsync(WorkloadSpec spec, double? singleThreadRate, Action<WorkloadRun>? started, CancellationToken stop)
    {
        await using var run = await StartRunAsync(spec, stop).ConfigureAwait(false);
        started?.Invoke(run);
        RunResult result;
        try
        {
            result = await run.Completion.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await run.StopAsync("interrupted").ConfigureAwait(false);
            result = await run.Completion.ConfigureAwait(false);
        }
        // The periodic snapshots end before the last one, so nothing follows the result a sink writes next.
        if (_clock is not null) await _clock.StopAsync().ConfigureAwait(false);
        Final();
        return new ObservedResult(result, Totals(run, singleThreadRate));
    }

    /// <summary>A last snapshot covering the end of the run, so nothing seen after the last tick is lost.</summary>
    public Snapshot? Final() => _clock?.TakeNow();

    public RunDiagnostics Totals(WorkloadRun run, double? singleThreadRate)
    {
        if (Aggregator is null) return RunDiagnostics.None;
        // Runtime events come from EventPipe, which only .NET workers speak: a Python run has no contention count,
        // not a count of zero.
        bool runtime = Level == DiagnosticsLevel.Full && run.Spec.Runtime == WorkerRuntime.Dotnet;
        return new RunDiagnostics(
            runtime ? Aggregator.ContentionCount : null,
            runtime ? Aggregator.ContentionWaitMs : null,
            runtime ? run.Processes.Sum(p => Aggregator.GcCount(p.Pid)) : null,
            singleThreadRate);
    }

    public async ValueTask DisposeAsync()
    {
        if (_clock is not null) await _clock.DisposeAsync().ConfigureAwait(false);
        if (_eventPipe is not null) await _eventPipe.DisposeAsync().ConfigureAwait(false);
    }
}
