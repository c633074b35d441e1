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

    /// <param name="first">when the first snapshot is taken after <see cref="Start"/>; by default one interval. The UI
    /// asks for it sooner, so that a person sees the run within a second of starting Monitor; its rates then cover
    /// that shorter first interval.</param>
    public SnapshotClock(SnapshotAggregator aggregator, TimeSpan interval, TimeSpan? first = null)
    {
        _aggregator = aggregator;
        _interval = interval;
        _first = first is { } f && f > TimeSpan.Zero && f < interval ? f : interval;
    }

    public event Action<Snapshots.Snapshot>? SnapshotTaken;

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
                TakeNow();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Takes a snapshot now (also used for the final one at the end of a run).</summary>
    public Snapshots.Snapshot TakeNow()
    {
        lock (_takeGate)
        {
            var snapshot = _aggregator.Take();
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
