using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.OsThreads;

public sealed class ThreadRatesTests
{
    private static ThreadCounters Reading(double user, double system, double? onCpu = null, double? waiting = null,
        long? voluntary = null, long? involuntary = null, int tid = 7, double? started = 1234) =>
        new(tid, "sum-worker-0", 'R', user, system, onCpu, waiting, voluntary, involuntary, started);

    [Fact]
    public void Rates_come_from_tick_counters_when_there_is_no_schedstat()
    {
        var rates = ThreadRates.Between(Reading(1000, 100), Reading(1600, 300), seconds: 2);

        Assert.Equal(40, rates.CpuPercent, 9);
        Assert.Equal(30, rates.UserPercent, 9);
        Assert.Equal(10, rates.SystemPercent, 9);
        Assert.Equal(800, rates.IntervalCpuMs, 9);
        Assert.Null(rates.CpuWaitPercent);
        Assert.Null(rates.VoluntaryPerSec);
        Assert.Null(rates.InvoluntaryPerSec);
    }

    [Fact]
    public void Schedstat_gives_the_cpu_time_and_the_ticks_its_user_system_split()
    {
        var before = Reading(1000, 0, onCpu: 1000.0, waiting: 50, voluntary: 10, involuntary: 100);
        var after = Reading(1750, 250, onCpu: 1995.0, waiting: 250, voluntary: 30, involuntary: 600);

        var rates = ThreadRates.Between(before, after, seconds: 1);

        Assert.Equal(99.5, rates.CpuPercent, 9);
        Assert.Equal(99.5 * 0.75, rates.UserPercent, 9);
        Assert.Equal(99.5 * 0.25, rates.SystemPercent, 9);
        Assert.Equal(20.0, rates.CpuWaitPercent!.Value, 9);
        Assert.Equal(20.0, rates.VoluntaryPerSec!.Value, 9);
        Assert.Equal(500.0, rates.InvoluntaryPerSec!.Value, 9);
    }

    [Fact]
    public void Cpu_time_between_ticks_is_split_by_the_lifetime_totals()
    {
        var rates = ThreadRates.Between(Reading(300, 100, onCpu: 400.0), Reading(300, 100, onCpu: 404.0), seconds: 1);

        Assert.Equal(0.4, rates.CpuPercent, 9);
        Assert.Equal(0.3, rates.UserPercent, 9);
        Assert.Equal(0.1, rates.SystemPercent, 9);
    }

    [Fact]
    public void An_idle_thread_has_zero_rates_and_counters_going_backwards_count_as_zero()
    {
        Assert.Equal(0, ThreadRates.Between(Reading(0, 0), Reading(0, 0), 1).UserPercent);
        var backwards = ThreadRates.Between(Reading(500, 500, voluntary: 9), Reading(100, 100, voluntary: 3), 1);
        Assert.Equal(0, backwards.CpuPercent);
        Assert.Equal(0, backwards.VoluntaryPerSec);
    }

    [Fact]
    public void A_counter_missing_from_either_reading_gives_null()
    {
        var rates = ThreadRates.Between(Reading(0, 0, waiting: 1, voluntary: 1), Reading(10, 0), 1);

        Assert.Null(rates.CpuWaitPercent);
        Assert.Null(rates.VoluntaryPerSec);
        Assert.Equal(1, rates.CpuPercent, 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void The_interval_must_be_positive(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadRates.Between(Reading(0, 0), Reading(1, 0), seconds));
    }

    [Fact]
    public void A_reused_tid_is_not_the_same_thread()
    {
        Assert.True(ThreadRates.SameThread(Reading(0, 0), Reading(5, 0)));
        Assert.False(ThreadRates.SameThread(Reading(0, 0), Reading(0, 0, started: 9999)));
        Assert.False(ThreadRates.SameThread(Reading(0, 0), Reading(0, 0, tid: 8)));
        Assert.True(ThreadRates.SameThread(Reading(0, 0, started: null), Reading(0, 0)));
    }

    [Fact]
    public void Where_switches_are_only_counted_all_together_their_rate_is_every_switch_and_neither_kind()
    {
        var before = Reading(1000, 100) with { ContextSwitches = 4_000 };
        var after = Reading(1600, 300) with { ContextSwitches = 4_900 };

        var rates = ThreadRates.Between(before, after, seconds: 2);

        Assert.Equal(450, rates.SwitchesPerSec!.Value, 9);  // 900 switches in 2 s
        Assert.Null(rates.VoluntaryPerSec);
        Assert.Null(rates.InvoluntaryPerSec);
        Assert.Equal(0, ThreadRates.FirstReading(after).SwitchesPerSec);
        // Windows's 32-bit count wrapped (or the tid was reused): it went back, which counts as no switch, never negative.
        Assert.Equal(0, ThreadRates.Between(after, before, seconds: 2).SwitchesPerSec);
        // /proc splits them: no all-kinds figure beside the two.
        Assert.Null(ThreadRates.Between(Reading(0, 0, voluntary: 1, involuntary: 1), Reading(0, 0, voluntary: 5, involuntary: 9), 1).SwitchesPerSec);
        Assert.Null(ThreadRates.FirstReading(Reading(0, 0, voluntary: 1, involuntary: 1)).SwitchesPerSec);
    }
}
