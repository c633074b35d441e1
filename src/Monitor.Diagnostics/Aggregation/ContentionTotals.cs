using Monitor.Diagnostics.Sources;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Contention events of each process since it was first heard of (all intervals), for the totals a snapshot and a
/// run's result give. Kept per process, not per run, so that events of a run's workers read before the run is
/// followed still count once it is. Not thread-safe: the aggregator locks.
/// </summary>
internal sealed class ContentionTotals
{
    private readonly Dictionary<int, (long Count, double WaitMs)> _byPid = new();

    public void Started(ContentionStarted e)
    {
        var total = _byPid.GetValueOrDefault(e.Pid);
        _byPid[e.Pid] = (total.Count + 1, total.WaitMs);
    }

    public void Stopped(ContentionStopped e)
    {
        var total = _byPid.GetValueOrDefault(e.Pid);
        _byPid[e.Pid] = (total.Count, total.WaitMs + e.DurationNs / 1e6);
    }

    /// <summary>One process's contentions so far; null when its runtime's events are not read and none came.</summary>
    public (long? Count, double? WaitMs) OfProcess(int pid, bool eventsRead) =>
        _byPid.TryGetValue(pid, out var total) ? (total.Count, total.WaitMs) : eventsRead ? (0, 0) : (null, null);

    /// <summary>Forgets a process no longer watched.</summary>
    public void Forget(int pid) => _byPid.Remove(pid);

    /// <summary>The sum over <paramref name="watched"/>, Monitor's own process left out (its locks are not what the
    /// user watches).</summary>
    public (long Count, double WaitMs) Of(IEnumerable<WatchedProcess> watched)
    {
        long count = 0;
        double waitMs = 0;
        foreach (var w in watched)
        {
            if (w.Role == ProcessRole.Monitor || !_byPid.TryGetValue(w.Pid, out var total)) continue;
            count += total.Count;
            waitMs += total.WaitMs;
        }
        return (count, waitMs);
    }
}
