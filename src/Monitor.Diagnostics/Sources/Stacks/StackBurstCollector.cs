namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>
/// Builds a <see cref="StackBurst"/> from one burst's samples and contention events, in the order the session
/// delivers them (time order). Not thread-safe: one session thread feeds it.
/// </summary>
public sealed class StackBurstCollector(int pid, long startedAt)
{
    /// <summary>The stacks kept per thread: enough for "its most frequent stacks", bounded.</summary>
    public const int TopStacksPerThread = 5;

    private sealed class ThreadTally
    {
        public int Samples;
        public int Running;
        public IReadOnlyList<string>? Latest;
        public readonly Dictionary<IReadOnlyList<string>, int> Stacks = new(FramesComparer.Instance);
        public readonly Dictionary<string, (int Self, int Total, Dictionary<string, int> Callers)> Methods = new(StringComparer.Ordinal);
    }

    private sealed class LockTally
    {
        public readonly Dictionary<string, int> Sites = new(StringComparer.Ordinal);
        public readonly Dictionary<IReadOnlyList<string>, int> OwnerStacks = new(FramesComparer.Instance);
    }

    private readonly Dictionary<int, ThreadTally> _threads = new();
    private readonly Dictionary<ulong, LockTally> _locks = new();
    private readonly HashSet<string> _seenInSample = new(StringComparer.Ordinal);
    private long _samples;

    /// <param name="running">the sample found the thread running managed code.</param>
    /// <param name="frames">leaf first; the same stack may come as the same array.</param>
    public void OnSample(int tid, bool running, IReadOnlyList<string> frames)
    {
        _samples++;
        var thread = Thread(tid);
        thread.Samples++;
        thread.Latest = frames;
        if (frames.Count == 0) return;
        thread.Stacks[frames] = thread.Stacks.GetValueOrDefault(frames) + 1;
        if (!running) return;
        thread.Running++;
        _seenInSample.Clear();
        for (int i = 0; i < frames.Count; i++)
        {
            string method = frames[i];
            // A recursive method counts once per sample in its total.
            if (!_seenInSample.Add(method)) continue;
            var tally = thread.Methods.TryGetValue(method, out var t) ? t : (Self: 0, Total: 0, Callers: new Dictionary<string, int>(StringComparer.Ordinal));
            tally.Total++;
            if (i == 0) tally.Self++;
            if (i + 1 < frames.Count) tally.Callers[frames[i + 1]] = tally.Callers.GetValueOrDefault(frames[i + 1]) + 1;
            thread.Methods[method] = tally;
        }
    }

    /// <summary>Thread <paramref name="tid"/> started waiting for <paramref name="lockId"/>, held by
    /// <paramref name="ownerTid"/> (0: unknown), from <paramref name="frames"/>.</summary>
    public void OnContention(int tid, ulong lockId, int ownerTid, IReadOnlyList<string> frames)
    {
        if (lockId == 0) return;
        if (!_locks.TryGetValue(lockId, out var tally)) _locks[lockId] = tally = new LockTally();
        if (MethodNames.WaitSite(frames) is { } site) tally.Sites[site] = tally.Sites.GetValueOrDefault(site) + 1;
        // The owner's latest sample came at most one sampling period (about 1 ms) before the wait began.
        if (ownerTid != 0 && _threads.TryGetValue(ownerTid, out var owner) && owner.Latest is { Count: > 0 } ownerStack)
        {
            tally.OwnerStacks[ownerStack] = tally.OwnerStacks.GetValueOrDefault(ownerStack) + 1;
        }
    }

    public StackBurst Finish(long endedAt)
    {
        var threads = _threads.ToDictionary(kv => kv.Key, kv => new ThreadStacks(
            kv.Key,
            kv.Value.Samples,
            kv.Value.Running,
            kv.Value.Stacks.OrderByDescending(s => s.Value).Take(TopStacksPerThread).Select(s => new StackCount(s.Key, s.Value)).ToArray(),
            kv.Value.Methods.ToDictionary(m => m.Key, m => new MethodTally(m.Value.Self, m.Value.Total, m.Value.Callers), StringComparer.Ordinal)));
        var locks = _locks.ToDictionary(kv => kv.Key, kv => new LockSite(
            kv.Value.Sites.Count == 0 ? null : kv.Value.Sites.MaxBy(s => s.Value).Key,
            kv.Value.OwnerStacks.Count == 0 ? null : kv.Value.OwnerStacks.MaxBy(s => s.Value).Key));
        return new StackBurst(pid, startedAt, endedAt, _samples, threads, locks);
    }

    private ThreadTally Thread(int tid)
    {
        if (!_threads.TryGetValue(tid, out var thread)) _threads[tid] = thread = new ThreadTally();
        return thread;
    }
}
