using Monitor.Diagnostics.Sources;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>Collects one interval's ContentionStart/Stop events per lock; not thread-safe (the aggregator locks).</summary>
internal sealed class ContentionAccumulator
{
    private sealed class LockStats
    {
        public long Waits;
        public double WaitNs;
        public readonly Dictionary<int, int> Owners = new();
        public readonly HashSet<int> Waiters = new();
    }

    private readonly Dictionary<(int Pid, ulong LockId), LockStats> _locks = new();
    private long _count;
    private double _waitNs;

    public void Started(ContentionStarted e)
    {
        var stats = Get(e.Pid, e.LockId);
        stats.Waits++;
        stats.Waiters.Add(e.Tid);
        if (e.OwnerTid != 0) stats.Owners[e.OwnerTid] = stats.Owners.GetValueOrDefault(e.OwnerTid) + 1;
        _count++;
    }

    /// <summary>A wait whose start came before the session (lock 0: not known) counts in the interval's wait time
    /// but makes no lock of its own: a lock row "0x0" with no waits would be a lock that does not exist.</summary>
    public void Stopped(ContentionStopped e)
    {
        if (e.LockId != 0) Get(e.Pid, e.LockId).WaitNs += e.DurationNs;
        _waitNs += e.DurationNs;
    }

    private LockStats Get(int pid, ulong lockId)
    {
        if (!_locks.TryGetValue((pid, lockId), out var stats))
        {
            stats = new LockStats();
            _locks[(pid, lockId)] = stats;
        }
        return stats;
    }

    /// <summary>Adds what <paramref name="earlier"/> collected (an interval being folded into this one's sample).</summary>
    public void Absorb(ContentionAccumulator earlier)
    {
        foreach (var (key, theirs) in earlier._locks)
        {
            var ours = Get(key.Pid, key.LockId);
            ours.Waits += theirs.Waits;
            ours.WaitNs += theirs.WaitNs;
            foreach (var (owner, count) in theirs.Owners) ours.Owners[owner] = ours.Owners.GetValueOrDefault(owner) + count;
            ours.Waiters.UnionWith(theirs.Waiters);
        }
        _count += earlier._count;
        _waitNs += earlier._waitNs;
    }

    public void Clear()
    {
        _locks.Clear();
        _count = 0;
        _waitNs = 0;
    }

    /// <summary>The interval's sample, busiest locks first; <see cref="Clear"/> starts the next interval.</summary>
    public ContentionSample Sample(int topLocks)
    {
        if (_count == 0 && _waitNs == 0) return ContentionSample.None;
        var locks = _locks
            .OrderByDescending(kv => kv.Value.Waits).ThenByDescending(kv => kv.Value.WaitNs)
            .Take(topLocks)
            .Select(kv => new LockSample(
                kv.Key.Pid,
                kv.Key.LockId,
                kv.Value.Waits,
                kv.Value.WaitNs / 1e6,
                kv.Value.Owners.Count == 0 ? null : kv.Value.Owners.MaxBy(o => o.Value).Key,
                kv.Value.Waiters.Order().ToArray()))
            .ToArray();
        return new ContentionSample(_count, _waitNs / 1e6, locks);
    }
}
