using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Where each interval starts, a sliver folded into the interval before it, and what dropped marks hand back.</summary>
public sealed class IntervalTimelineTests
{
    private const int Watched = 100;
    private const int NoLongerWatched = 200;
    private readonly ManualClock _clock = new();
    private readonly IntervalTimeline _timeline;

    public IntervalTimelineTests() => _timeline = new IntervalTimeline(new IntervalMark(_clock.GetTimestamp()), _clock, pid => pid == Watched);

    /// <summary>Ends an interval <paramref name="seconds"/> long as a snapshot does; returns whether it was folded and
    /// the length it covers.</summary>
    private (bool Folded, double Seconds, long Contention) Interval(double seconds, int contentions = 0)
    {
        for (int i = 0; i < contentions; i++) _timeline.Contention.Started(new ContentionStarted(Watched, 1, 7, 2));
        _clock.Advance(TimeSpan.FromSeconds(seconds));
        long now = _clock.GetTimestamp();
        var from = _timeline.StartOf(now, out bool folded);
        var mark = new IntervalMark(now);
        foreach (int pid in new[] { Watched, NoLongerWatched }) mark.Readings[pid] = Process(pid, 1000);
        var contention = _timeline.Close(mark, from, folded, topLocks: 8);
        return (folded, Math.Round((now - from.Timestamp) / (double)_clock.TimestampFrequency, 6), contention.Count);
    }

    [Fact]
    public void A_sliver_of_the_last_full_interval_is_folded_into_it_and_the_next_normal_one_is_not()
    {
        var intervals = new[] { 1, 0.4, 1, 0.83, 0.17, 0.49, 0.2 }.Select(s => Interval(s)).ToArray();

        Assert.Equal([(false, 1), (true, 1.4), (false, 1), (false, 0.83), (true, 1.0), (false, 0.49), (true, 0.69)],
            intervals.Select(i => (i.Folded, i.Seconds)));
    }

    [Fact]
    public void The_first_interval_after_a_restart_is_not_folded_however_short()
    {
        Interval(1);
        Interval(1);
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        _timeline.Restart(new IntervalMark(_clock.GetTimestamp()));

        var afterRestart = Interval(0.1);
        var next = Interval(0.01);                          // a sliver of the 0.1 s interval since the restart

        Assert.Equal((false, 0.1), (afterRestart.Folded, afterRestart.Seconds));
        Assert.Equal((true, 0.11), (next.Folded, next.Seconds));
    }

    [Fact]
    public void A_folded_interval_gives_the_contention_of_both_its_parts_and_contention_goes_on_over_a_restart()
    {
        var full = Interval(1, contentions: 2);
        var folded = Interval(0.1, contentions: 3);
        var next = Interval(1, contentions: 1);
        _timeline.Contention.Started(new ContentionStarted(Watched, 1, 7, 2));
        _timeline.Restart(new IntervalMark(_clock.GetTimestamp()));
        var afterRestart = Interval(1);

        Assert.Equal(2, full.Contention);
        Assert.Equal(5, folded.Contention);
        Assert.Equal(1, next.Contention);
        Assert.Equal(1, afterRestart.Contention);           // collected before the restart, in no interval before it
    }

    [Fact]
    public void A_dropped_marks_readings_are_handed_back_once_and_only_for_watched_processes()
    {
        Assert.Null(_timeline.SpareReading(Watched));       // every mark so far is still kept
        Interval(1);
        Interval(1);
        Interval(1);                                        // the first of these marks is dropped

        var spare = _timeline.SpareReading(Watched);

        Assert.NotNull(spare);
        Assert.Equal(Watched, spare.Pid);
        Assert.Null(_timeline.SpareReading(Watched));
        Assert.Null(_timeline.SpareReading(NoLongerWatched));
    }
}
