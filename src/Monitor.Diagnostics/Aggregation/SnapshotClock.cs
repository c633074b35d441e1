namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Takes a snapshot every interval on its own thread and hands it to the subscribers (sinks). Subscribers must not
/// block: the UI marshals to its loop, the JSON sink writes a line.
/// </summary>
public sealed class SnapshotClock : IAsyncDisposable
{
    private readonly SnapshotAggregator _aggregator;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _takeGate = new();
    private Task? _loop;

    public SnapshotClock(SnapshotAggregator aggregator, TimeSpan interval)
    {
        _aggregator = aggregator;
        _interval = interval;
    }

    public event Action<Snapshots.Snapshot>? SnapshotTaken;

    public void Start() => _loop ??= Task.Run(Loop);

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
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

    /// <summary>Ends the periodic snapshots (<see cref="TakeNow"/> still works); safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0) _stop.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    private int _stopped;

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
