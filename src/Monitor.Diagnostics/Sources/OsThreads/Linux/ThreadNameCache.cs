using System.Runtime.InteropServices;
using System.Text;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>
/// Thread names by (pid, tid), so that a name read again unchanged is the same string and costs no allocation. The
/// raw bytes are compared every time, so a renamed thread (or a reused tid) gets its new name at once. Entries not
/// seen for a while are dropped. Not thread-safe.
/// </summary>
internal sealed class ThreadNameCache
{
    private const int PruneEvery = 256;

    private readonly Dictionary<long, Entry> _entries = new();
    private long _round;

    /// <summary>Starts a new round of lookups; entries untouched for <see cref="PruneEvery"/> rounds go.</summary>
    public void NextRound()
    {
        _round++;
        if (_round % PruneEvery != 0) return;
        foreach (var (key, entry) in _entries)
        {
            if (_round - entry.LastSeen > PruneEvery) _entries.Remove(key);
        }
    }

    public string Get(int pid, int tid, ReadOnlySpan<byte> raw)
    {
        long key = ((long)pid << 32) | (uint)tid;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out bool exists);
        if (!exists || !raw.SequenceEqual(entry.Raw))
        {
            entry.Raw = raw.ToArray();
            entry.Name = Encoding.UTF8.GetString(raw);
        }
        entry.LastSeen = _round;
        return entry.Name;
    }

    public int Count => _entries.Count;

    private struct Entry
    {
        public byte[] Raw;
        public string Name;
        public long LastSeen;
    }
}
