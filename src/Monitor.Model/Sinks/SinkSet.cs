namespace Monitor.Model;

/// <summary>
/// The sinks of one session, told in the order they were added. A sink that throws (stdout closed, disk full) is
/// taken out and <see cref="Failed"/> says so: the others and the session go on, and whoever owns the session decides
/// what the loss means (a command whose output is gone ends its run).
/// </summary>
public sealed class SinkSet : IMonitorSink
{
    private readonly object _gate = new();
    private IMonitorSink[] _sinks = [];

    /// <summary>A sink failed and was removed; raised on the thread that called it.</summary>
    public event Action<IMonitorSink, Exception>? Failed;

    public void Add(IMonitorSink sink)
    {
        lock (_gate) _sinks = [.. _sinks, sink];
    }

    public void Remove(IMonitorSink sink)
    {
        lock (_gate) _sinks = _sinks.Where(s => !ReferenceEquals(s, sink)).ToArray();
    }

    public void RunStarted(RunStart run) => Each(s => s.RunStarted(run));

    public void SnapshotTaken(Snapshot snapshot) => Each(s => s.SnapshotTaken(snapshot));

    public void RunFinished(RunSummary result, RunStart? started) => Each(s => s.RunFinished(result, started));

    private void Each(Action<IMonitorSink> tell)
    {
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            try
            {
                tell(sink);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                Remove(sink);
                Failed?.Invoke(sink, e);
            }
        }
    }
}
