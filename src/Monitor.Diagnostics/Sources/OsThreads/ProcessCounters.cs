using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>One process's reading: its threads and memory, at <see cref="TimestampTicks"/> (Stopwatch ticks, the
/// middle of the reading). UserMs and SystemMs cover the whole process, threads that already ended included.</summary>
/// <remarks>A reading handed back to <see cref="IThreadSampler.Sample(int, ProcessCounters?)"/> may be refilled in
/// place by the sampler (so sampling allocates nothing in steady state): hence the internal setters.</remarks>
public sealed record ProcessCounters(
    int Pid,
    string Name,
    long TimestampTicks,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    double UserMs,
    double SystemMs,
    IReadOnlyList<ThreadCounters> Threads)
{
    public string Name { get; internal set; } = Name;
    public long TimestampTicks { get; internal set; } = TimestampTicks;

    /// <summary>Seconds between two readings of a process.</summary>
    public static double SecondsBetween(ProcessCounters before, ProcessCounters after) =>
        (after.TimestampTicks - before.TimestampTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
    public long WorkingSetBytes { get; internal set; } = WorkingSetBytes;
    public long PeakWorkingSetBytes { get; internal set; } = PeakWorkingSetBytes;
    public double UserMs { get; internal set; } = UserMs;
    public double SystemMs { get; internal set; } = SystemMs;
    public IReadOnlyList<ThreadCounters> Threads { get; internal set; } = Threads;

    /// <summary>The process's last figures, as it reported them itself from the OS just before it exited (CPU time
    /// and peak memory; no threads): what a sampler outside cannot read any more once the process is gone.</summary>
    public bool Final { get; init; }

    /// <summary>A <see cref="Final"/> reading, now, of what a process reported of itself as it exited.</summary>
    public static ProcessCounters Last(int pid, string name, long workingSetBytes, long peakWorkingSetBytes, double userMs, double systemMs) =>
        new(pid, name, System.Diagnostics.Stopwatch.GetTimestamp(), workingSetBytes, peakWorkingSetBytes, userMs, systemMs, []) { Final = true };
}

/// <summary>The threads of a reading the sampler made: an array it can refill when the reading is handed back.</summary>
internal sealed class ThreadBuffer : IReadOnlyList<ThreadCounters>
{
    private ThreadCounters[] _items;

    public ThreadBuffer(ReadOnlySpan<ThreadCounters> threads)
    {
        _items = threads.ToArray();
        Count = threads.Length;
    }

    public int Count { get; private set; }

    public ThreadCounters this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Replaces the content; allocates only when it grows past what it ever held.</summary>
    public void Set(ReadOnlySpan<ThreadCounters> threads)
    {
        if (threads.Length > _items.Length) _items = new ThreadCounters[Math.Max(threads.Length, _items.Length * 2)];
        threads.CopyTo(_items);
        Array.Clear(_items, threads.Length, Count > threads.Length ? Count - threads.Length : 0);
        Count = threads.Length;
    }

    public IEnumerator<ThreadCounters> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return _items[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
