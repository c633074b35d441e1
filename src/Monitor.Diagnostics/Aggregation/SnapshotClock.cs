namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Takes a snapshot every interval on its own thread and hands it to the subscribers (sinks). Subscribers must not
/// block: the UI marshals to its loop, the JSON sink writes a line.
/// </summary>
public sealed class SnapshotClock : IAsyncDisposable
{
    private readonly SnapshotAggregator _aggregator;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _first;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _takeGate = new();
    private Task? _loop;
    // When the last snapshot was taken (a Stopwatch timestamp; 0 before the first) and the interval it covered.
    private long _lastTake;
    private double _lastIntervalSeconds;

    /// <param name="first">when the first snapshot is taken after <see cref="Start"/>; by default one interval. The UI
    /// asks for it sooner, so that a person sees the run within a second of starting Monitor; its rates then cover
    /// that shorter first interval.</param>
    public SnapshotClock(SnapshotAggregator aggregator, TimeSpan interval, TimeSpan? first = null)
    {
        _aggregator = aggregator;
        _interval = interval;
        _first = first is { } f && f > TimeSpan.Zero && f < interval ? f : interval;
    }

    public event Action<Model.Snapshot>? SnapshotTaken;

    public void Start() => _loop ??= Task.Run(Loop);

    private async Task Loop()
    {
        try
        {
            if (_first < _interval)
            {
                await Task.Delay(_first, _stop.Token).ConfigureAwait(false);
                TakeNow();
            }
            using var timer = new PeriodicTimer(_interval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                // The timer keeps its schedule, so after a late snapshot the next tick comes early. A tick that would
                // close a sliver of the last interval is skipped (the aggregator would only fold it into that one and
                // show the pair as one, longer than the intervals after it): the next tick gives a normal interval.
                if (IsSliver()) continue;
                TakeNow();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool IsSliver()
    {
        lock (_takeGate)
        {
            return _lastTake != 0
                   && System.Diagnostics.Stopwatch.GetElapsedTime(_lastTake).TotalSeconds < SnapshotAggregator.FoldBelow * _lastIntervalSeconds;
        }
    }

    /// <summary>Takes a snapshot now (also used for the final one at the end of a run).</summary>
    public Model.Snapshot TakeNow()
    {
        lock (_takeGate)
        {
            var snapshot = _aggregator.Take();
            _lastTake = System.Diagnostics.Stopwatch.GetTimestamp();
            _lastIntervalSeconds = snapshot.IntervalSeconds;
            SnapshotTaken?.Invoke(snapshot);
            return snapshot;
        }
    }

    /// <summary>Ends the periodic snapshots; <see cref="TakeNow"/> still works. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
