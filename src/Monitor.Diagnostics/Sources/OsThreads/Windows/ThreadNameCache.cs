namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Thread names by (tid, create time): opening a thread to ask its description costs a system call or three, and a
/// name rarely changes, so each thread is asked once. A thread that has no name yet (a .NET thread names itself just
/// after it starts) is asked again every <see cref="RetryUnnamedAfter"/> readings. Every <see cref="ForgetAfter"/>
/// readings, the threads not seen for as many are forgotten. Not thread-safe: the sampler calls it under its lock.
/// </summary>
internal sealed class ThreadNameCache(Func<int, string?> readName)
{
    public const int RetryUnnamedAfter = 8;
    public const int ForgetAfter = 256;

    private readonly Dictionary<(int Tid, long CreateTime), Entry> _names = new();
    private long _reading;

    private sealed class Entry
    {
        public string Name = string.Empty;
        public long ReadAt;
        public long SeenAt;
    }

    public int Count => _names.Count;

    /// <summary>Starts a reading: the clock the retries and the forgetting count in.</summary>
    public void BeginReading()
    {
        _reading++;
        if (_reading % ForgetAfter != 0) return;
        foreach (var (key, entry) in _names)
        {
            if (_reading - entry.SeenAt >= ForgetAfter) _names.Remove(key);
        }
    }

    /// <summary>The thread's name; empty when it has none or it cannot be read (ended, or not ours to open).</summary>
    public string NameOf(int tid, long createTime)
    {
        if (!_names.TryGetValue((tid, createTime), out var entry))
        {
            entry = new Entry { Name = readName(tid) ?? string.Empty, ReadAt = _reading };
            _names[(tid, createTime)] = entry;
        }
        else if (entry.Name.Length == 0 && _reading - entry.ReadAt >= RetryUnnamedAfter)
        {
            entry.Name = readName(tid) ?? string.Empty;
            entry.ReadAt = _reading;
        }
        entry.SeenAt = _reading;
        return entry.Name;
    }
}
