using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// The marks that snapshots' intervals run between (<see cref="IntervalMark"/>), and the contention collected over
/// the interval going on. Says where an interval that ends now starts: at the last mark or, when only a sliver of the
/// last full interval has gone by since (the last interval of a run, cut short by its end), at the mark before it,
/// the two folded into one. What a dropped mark held is reused: its readings are handed to the sampler to refill, its
/// contention accumulator collects a later interval. Not thread-safe: the aggregator locks.
/// </summary>
internal sealed class IntervalTimeline(IntervalMark first, TimeProvider time, Func<int, bool> isWatched)
{
    /// <summary>An interval shorter than this share of the last full one is folded into the interval before it.</summary>
    public const double FoldBelow = 0.5;

    private readonly Dictionary<int, ProcessCounters> _spareReadings = new();
    private ContentionAccumulator? _spareContention;
    private IntervalMark? _beforeLast;
    // The length of the last interval that was not folded. A sliver is measured against it, not against a folded
    // interval: that one is longer by the sliver, so the normal interval after it would look like a sliver too, be
    // folded, and every interval after that as well, each snapshot covering more of the run than the one before.
    private double? _fullSeconds;

    /// <summary>The mark the interval going on started at.</summary>
    public IntervalMark Last { get; private set; } = first;

    /// <summary>The contention collected since <see cref="Last"/>.</summary>
    public ContentionAccumulator Contention { get; private set; } = new();

    /// <summary>The mark an interval that ends at <paramref name="now"/> starts at; <paramref name="folded"/>: the
    /// mark before <see cref="Last"/>, the time since <see cref="Last"/> being only a sliver.</summary>
    public IntervalMark StartOf(long now, out bool folded)
    {
        folded = _beforeLast is not null && _fullSeconds is { } full && SecondsBetween(Last.Timestamp, now) < FoldBelow * full;
        return folded ? _beforeLast! : Last;
    }

    /// <summary>Ends the interval from <paramref name="from"/> (as <see cref="StartOf"/> gave it) at
    /// <paramref name="mark"/>, which becomes <see cref="Last"/>; returns the contention collected over it, busiest
    /// locks first.</summary>
    public ContentionSample Close(IntervalMark mark, IntervalMark from, bool folded, int topLocks)
    {
        if (folded) Contention.Absorb(Last.Contention);
        var contention = Contention.Sample(topLocks);
        mark.Contention = Contention;
        Contention = _spareContention ?? new ContentionAccumulator();
        _spareContention = null;
        if (folded)
        {
            Drop(Last);
        }
        else
        {
            if (_beforeLast is not null) Drop(_beforeLast);
            _beforeLast = Last;
            _fullSeconds = SecondsBetween(from.Timestamp, mark.Timestamp);
        }
        Last = mark;
        return contention;
    }

    /// <summary>Starts anew at <paramref name="mark"/> (the sources were read again): no interval before it to fold a
    /// sliver into. The contention collected meanwhile goes on into the next interval.</summary>
    public void Restart(IntervalMark mark)
    {
        mark.Contention = Last.Contention;
        Drop(Last, contentionShared: true);
        if (_beforeLast is not null) Drop(_beforeLast);
        Last = mark;
        _beforeLast = null;
        _fullSeconds = null;
    }

    /// <summary>A reading of <paramref name="pid"/> no mark holds any more, for the sampler to refill; null if none.</summary>
    public ProcessCounters? SpareReading(int pid) => _spareReadings.Remove(pid, out var spare) ? spare : null;

    /// <summary>A mark no longer kept: its readings are kept to be refilled and, unless another mark still holds it
    /// (<paramref name="contentionShared"/>), its contention accumulator collects a later interval.</summary>
    private void Drop(IntervalMark mark, bool contentionShared = false)
    {
        foreach (var (pid, reading) in mark.Readings) _spareReadings[pid] = reading;
        mark.Readings.Clear();
        if (!contentionShared)
        {
            mark.Contention.Clear();
            _spareContention = mark.Contention;
        }
        foreach (int pid in _spareReadings.Keys.Where(pid => !isWatched(pid)).ToArray()) _spareReadings.Remove(pid);
    }

    private double SecondsBetween(long from, long to) => (to - from) / (double)time.TimestampFrequency;
}
