using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>How System.Runtime's counters and the thread pool's adjustments become a process's
/// <see cref="Monitor.Model.RuntimeSample"/>, from canned events as the runtime sends them.</summary>
public sealed class RuntimeFiguresTests
{
    private const int Pid = 100;
    private readonly RuntimeStates _states = new();

    private void Counter(string name, double value, string units = "", bool increment = false, double interval = 2) =>
        _states.Apply(new CounterValue(Pid, name, value, units, increment, interval));

    [Fact]
    public void A_process_without_the_runtimes_counters_has_no_runtime_figures()
    {
        // A Monitor worker's own ProcessStats arrive as these counters; it runs none of System.Runtime's.
        Counter("gc-heap-size", 5_000_000, "B");
        Counter("working-set", 9_000_000, "B");
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 3, Starved: true));

        Assert.Null(_states.Find(Pid)!.Sample(0));
    }

    [Fact]
    public void Rates_divide_an_increment_by_the_interval_the_runtime_measured_it_over()
    {
        Counter("exception-count", 300, increment: true, interval: 2);
        Counter("alloc-rate", 40_000_000, "B", increment: true, interval: 2);
        Counter("threadpool-completed-items-count", 50, increment: true, interval: 2);
        Counter("total-pause-time-by-gc", 100, "ms", increment: true, interval: 2);

        var r = _states.Find(Pid)!.Sample(0)!;

        Assert.Equal(150, r.ExceptionsPerSec);
        Assert.Equal(20_000_000, r.AllocBytesPerSec);
        Assert.Equal(25, r.ThreadPoolCompletedPerSec);
        Assert.Equal(5, r.GcPausePercent);                 // 100 ms of 2000 ms
    }

    [Fact]
    public void Pause_percent_stays_within_the_interval()
    {
        Counter("total-pause-time-by-gc", 2500, "ms", increment: true, interval: 2);

        Assert.Equal(100, _states.Find(Pid)!.Sample(0)!.GcPausePercent);
    }

    [Fact]
    public void Levels_are_the_latest_reported_and_sizes_are_bytes()
    {
        Counter("threadpool-thread-count", 4);
        Counter("threadpool-thread-count", 9);
        Counter("threadpool-queue-length", 120);
        Counter("gen-0-size", 1000, "B");
        Counter("gen-1-size", 2000, "B");
        Counter("gen-2-size", 3000, "B");
        Counter("loh-size", 64_000_000, "B");
        Counter("poh-size", 8_000_000, "B");

        var r = _states.Find(Pid)!.Sample(0)!;

        Assert.Equal((9L, 120L), (r.ThreadPoolThreads, r.ThreadPoolQueueLength));
        Assert.Equal((1000L, 2000L, 3000L), (r.Gen0Bytes, r.Gen1Bytes, r.Gen2Bytes));
        Assert.Equal((64_000_000L, 8_000_000L), (r.LohBytes, r.PohBytes));
        Assert.Null(r.ExceptionsPerSec);                   // not reported yet: unknown, not zero
    }

    [Fact]
    public void Methods_jitted_per_second_come_from_two_reports_of_the_total()
    {
        Counter("methods-jitted-count", 1000);
        Assert.Null(_states.Find(Pid)!.Sample(0)!.MethodsJittedPerSec);

        Counter("methods-jitted-count", 1060, interval: 2);
        Assert.Equal(30, _states.Find(Pid)!.Sample(0)!.MethodsJittedPerSec);
    }

    [Fact]
    public void Completed_items_add_up_since_watching_began_for_exporters()
    {
        Counter("threadpool-completed-items-count", 50, increment: true);
        Counter("threadpool-completed-items-count", 70, increment: true);

        Assert.Equal(120, _states.Find(Pid)!.Sample(0)!.ThreadPoolCompletedItems);
    }

    [Fact]
    public void Starvation_counts_the_adjustments_that_raised_the_goal_because_work_was_starved()
    {
        Counter("threadpool-thread-count", 2);
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 3, Starved: true));    // first seen: raised
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 4, Starved: true));    // raised
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 3, Starved: true));    // a blocked thread came back: lowered
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 4, Starved: true));    // raised again
        _states.Apply(new ThreadPoolAdjusted(Pid, 1, 6, Starved: false));   // hill climbing: not starvation
        var state = _states.Find(Pid)!;

        Assert.Equal(3, state.StarvationAdjustments);
        Assert.Equal(3, state.Sample(starvationBefore: 0)!.StarvationAdjustments);
        Assert.Equal(1, state.Sample(starvationBefore: 2)!.StarvationAdjustments);   // since the interval began
    }
}
