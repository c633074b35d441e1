using Monitor.Sessions.Comparison;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// The UI's controller for `monitor tui`: runs workloads one at a time under one observation, forwards snapshots and
/// results. Every call returns at once; runs start and stop on a background task, in the order asked.
/// </summary>
public sealed class LiveController : IMonitorController, IAsyncDisposable
{
    private readonly Observation _observation;
    private readonly SemaphoreSlim _order = new(1, 1);
    private WorkloadRun? _run;
    private readonly List<Task> _reports = new();
    private CancellationTokenSource? _comparison;
    private WorkloadSettings _settings;
    private volatile bool _disposed;

    private readonly SessionRecording _recording;

    private readonly CancellationToken _stopping;

    /// <param name="stopping">set when Monitor was told to end (a signal): the run then ends as interrupted, not as
    /// stopped by the user.</param>
    public LiveController(WorkloadSettings initial, Observation observation, string? traceDir = null, CancellationToken stopping = default)
    {
        _stopping = stopping;
        _settings = initial;
        _observation = observation;
        _recording = new SessionRecording(observation, traceDir, message => StatusChanged?.Invoke(message));
    }

    /// <summary>Starts recording (also before the first run: --record / --trace-dir); returns why it could not, or null.</summary>
    public string? StartRecording(string? directory) =>
        _recording.Start(BundleHeader.For(_settings.Spec, _observation.SingleThreadRate?.Calibrated, stacks: _observation.SampleStacks), _settings.Mode.Name(), directory);

    public bool CanRunWorkloads => true;

    public WorkloadSettings Settings => _settings;

    public bool IsRunning => _run is { IsCompleted: false } || _comparison is not null;

    public string? RecordingStatus => _recording.Status;

    private readonly SinkSet _ui = new();

    /// <summary>The UI hears of this session's runs and snapshots, and of a comparison's (whose rows are its finished runs).</summary>
    public void Connect(IMonitorSink sink)
    {
        _observation.Sinks.Add(sink);
        _ui.Add(sink);
    }

    public void Disconnect(IMonitorSink sink)
    {
        _observation.Sinks.Remove(sink);
        _ui.Remove(sink);
    }
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings)
    {
        _settings = settings;
        _comparison?.Cancel();
        _ = Serialized(async () =>
        {
            await StopCurrentAsync().ConfigureAwait(false);
            if (_disposed) return;
            var spec = settings.Spec;
            if (spec.Validate() is { } error)
            {
                StatusChanged?.Invoke(error);
                return;
            }
            var run = await _observation.StartRunAsync(spec, CancellationToken.None).ConfigureAwait(false);
            _run = run;
            StatusChanged?.Invoke($"running {spec.Mode.Name()} x{spec.Workers}, N = {spec.N:N0}, work {spec.Work.Name()}");
            lock (_reports)
            {
                _reports.RemoveAll(t => t.IsCompleted);
                _reports.Add(ReportWhenDone(run));
            }
        });
    }

    public void Stop()
    {
        _comparison?.Cancel();
        _ = Serialized(() => StopCurrentAsync());
    }

    /// <summary>The same matrix as `monitor compare` (this runtime only), row after row into the results.</summary>
    public void Compare(WorkloadSettings settings)
    {
        _settings = settings;
        _comparison?.Cancel();
        _ = Serialized(async () =>
        {
            await StopCurrentAsync().ConfigureAwait(false);
            if (_disposed) return;
            var spec = settings.WithMode(RunMode.Threads).Spec;
            // The rows run under observations of their own, on this one's time line and into its recording if one
            // runs; this observation's snapshots (of the last run, still going on) would alternate with theirs meanwhile.
            var matrix = new ComparisonMatrix(new ComparisonSettings(spec.Workers, spec.N, spec.Work, [WorkerRuntime.Dotnet]))
            {
                Recording = _observation.Recording,
                SampleStacks = _observation.SampleStacks,
                TimeOrigin = _observation.TimeOrigin,
            };
            matrix.Progress += s => StatusChanged?.Invoke(s);
            matrix.SnapshotTaken += _ui.SnapshotTaken;
            matrix.RowMeasured += row => _ui.RunFinished(RowSummary(row), started: null);
            using var cancel = new CancellationTokenSource();
            _comparison = cancel;
            _observation.Muted = true;
            try
            {
                var report = await matrix.RunAsync(cancel.Token).ConfigureAwait(false);
                StatusChanged?.Invoke(string.Join("  ", ComparisonReading.Lines(report).Take(1)));
            }
            catch (OperationCanceledException)
            {
                StatusChanged?.Invoke("comparison stopped");
            }
            finally
            {
                _comparison = null;
                _observation.Muted = false;
            }
        });
    }

    /// <summary>A comparison row as a finished run: the medians of its runs, no sum of its own.</summary>
    private static RunSummary RowSummary(ComparisonRow row) => new()
    {
        Mode = row.Spec.Mode,
        Work = row.Work,
        Runtime = row.Spec.Runtime,
        Workers = row.Spec.Workers,
        N = row.N,
        Correct = row.Correct,
        ElapsedMs = row.ElapsedMs,
        StartupMs = row.StartupMs,
        ProcessCount = row.ProcessCount,
        CpuMs = row.CpuMs,
        PeakWorkingSetBytes = row.PeakWorkingSetBytes,
        ContentionCount = row.ContentionCount,
        ContentionWaitMs = row.ContentionWaitMs,
        GcCount = row.GcCount,
        EffectiveParallelism = row.EffectiveParallelism,
        ParallelismUncertain = row.ParallelismUncertain,
        OtherCpuPercent = row.OtherCpuPercent,
        Failure = row.Failure,
    };

    public void ToggleRecording()
    {
        if (_recording.IsRecording) _recording.Stop();
        else StartRecording(directory: null);
    }

    private async Task ReportWhenDone(WorkloadRun run)
    {
        var result = await run.Completion.ConfigureAwait(false);
        await _observation.SettleAsync(run).ConfigureAwait(false);
        result = _observation.WithObservedPeak(run, result);
        // Also while disposing: the bundle, stopped only after this, lists how the last run ended.
        _observation.RunEnded(run, result, _observation.Totals(run));
        if (_disposed) return;
        StatusChanged?.Invoke(result.Outcome switch
        {
            RunOutcome.Completed when result.Correct => $"{result.Spec.Mode.Name()} finished in {result.ElapsedMs / 1000:0.00} s, sum correct",
            RunOutcome.Stopped or RunOutcome.Interrupted => $"{result.Spec.Mode.Name()} {result.Outcome.Name()} after {result.ElapsedMs / 1000:0.00} s",
            _ => $"{result.Spec.Mode.Name()} failed: {result.Failure ?? "wrong sum"}",
        });
    }

    private async Task StopCurrentAsync(RunOutcome why = RunOutcome.Stopped)
    {
        if (_run is { IsCompleted: false } run) await _observation.StopRunAsync(run, why).ConfigureAwait(false);
    }

    private async Task Serialized(Func<Task> work)
    {
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            StatusChanged?.Invoke($"error: {e.GetBaseException().Message}");
        }
        finally
        {
            _order.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _comparison?.Cancel();
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            // q stops the run; SIGTERM or SIGHUP (a dropped SSH connection) interrupt it.
            await StopCurrentAsync(_stopping.IsCancellationRequested ? RunOutcome.Interrupted : RunOutcome.Stopped).ConfigureAwait(false);
            Task[] reports;
            lock (_reports) reports = _reports.ToArray();
            // Bounded: a run whose sessions do not settle must not keep Monitor from quitting.
            await Task.WhenAny(Task.WhenAll(reports), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        finally
        {
            _order.Release();
            // After the workers and their results: their sessions have ended, so the bundle's traces are whole and
            // its runs say how each ended.
            _recording.Stop();
        }
    }
}
