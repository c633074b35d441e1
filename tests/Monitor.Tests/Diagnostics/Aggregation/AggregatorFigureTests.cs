using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Model;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedRun;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>
/// The figures a snapshot gives, from canned readings and scripted worker reports: CPU of threads born in an interval,
/// counts that are cumulative, a sliver of an interval folded into the one before, what others used of the machine,
/// effective parallelism bounded by the CPU the workers got, one thread's rate raised by what a worker did, and a
/// worker process's own last report once it has exited.
/// </summary>
public sealed class AggregatorFigureTests
{
    private const int Pid = 4343;
    private const long Megabyte = 1 << 20;
    private readonly ScriptedSampler _sampler = new();
    private readonly ManualClock _clock = new();
    private double _machineBusyMs = 1_000_000;

    private SnapshotAggregator Aggregator(SingleThreadRate? rate = null) =>
        new(_sampler, rate, _clock, machineBusyMs: () => _machineBusyMs, logicalCpus: 2);

    private void Advance(double seconds, double machineBusyMs)
    {
        _clock.Advance(TimeSpan.FromSeconds(seconds));
        _machineBusyMs += machineBusyMs;
    }

    [Fact]
    public void A_thread_born_during_an_interval_shows_the_cpu_it_used_in_it_and_an_attached_process_counts_from_the_attach()
    {
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 10 * Megabyte, Thread(10, "main", 100, onCpuMs: 100)));
        aggregator.Prime();
        Advance(1, 0);
        _sampler.Set(Pid, Process(Pid, 10 * Megabyte, Thread(10, "main", 150, onCpuMs: 150), Thread(11, "new", 400, onCpuMs: 400)));

        var snapshot = aggregator.Take();

        var born = snapshot.Threads.Single(t => t.Tid == 11);
        Assert.Equal(40, born.CpuPercent, 6);               // all its 400 ms fell in this second
        Assert.Equal(400, born.CpuMs, 6);
        var old = snapshot.Threads.Single(t => t.Tid == 10);
        Assert.Equal(5, old.CpuPercent, 6);
        Assert.Equal(50, old.CpuMs, 6);                     // since the attach, not its 150 ms since it started
        var process = Assert.Single(snapshot.Processes);
        Assert.Equal(450, process.CpuMs, 6);                // 550 ms now, 100 ms at the attach
        Assert.Equal(450, snapshot.Totals.CpuMs, 6);
    }

    [Fact]
    public void Totals_count_since_the_start_while_interval_figures_start_again_each_interval()
    {
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        aggregator.Prime();
        aggregator.Post(new ContentionStarted(Pid, 11, 7, 10));
        aggregator.Post(new ContentionStopped(Pid, 11, 7, DurationNs: 2_000_000));
        aggregator.Post(new ContentionStarted(Pid, 12, 7, 10));
        Advance(1, 0);
        var first = aggregator.Take();
        aggregator.Post(new ContentionStarted(Pid, 11, 7, 10));
        aggregator.Post(new ContentionStopped(Pid, 11, 7, DurationNs: 1_000_000));
        Advance(1, 0);
        var second = aggregator.Take();

        Assert.Equal(2, first.Contention.Count);
        Assert.Equal(2, first.Totals.ContentionCount);
        Assert.Equal(1, second.Contention.Count);
        Assert.Equal(3, second.Totals.ContentionCount);
        Assert.Equal(3, second.Totals.ContentionWaitMs, 6);
    }

    [Fact]
    public void A_sliver_of_an_interval_is_folded_into_the_interval_before_it()
    {
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0, onCpuMs: 0)));
        aggregator.Prime();
        Advance(1, 0);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 500, onCpuMs: 500)));
        aggregator.Post(new ContentionStarted(Pid, 11, 7, 10));
        aggregator.Post(new ContentionStarted(Pid, 11, 7, 10));
        var full = aggregator.Take();
        Advance(0.02, 0);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 520, onCpuMs: 520)));
        aggregator.Post(new ContentionStarted(Pid, 11, 7, 10));
        var folded = aggregator.Take();
        Advance(1, 0);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 1020, onCpuMs: 1020)));
        var next = aggregator.Take();

        Assert.Equal(1, full.IntervalSeconds, 6);
        Assert.Equal(1.02, folded.IntervalSeconds, 6);      // 20 ms alone would be no figure
        Assert.Equal(520 / 1020.0 * 100, Assert.Single(folded.Threads).CpuPercent, 6);
        Assert.Equal(520 / 1020.0 * 100, Assert.Single(folded.Processes).CpuPercent, 6);
        Assert.Equal(3, folded.Contention.Count);           // the folded interval's own: both parts
        Assert.Equal(3, folded.Totals.ContentionCount);
        Assert.Equal(1, next.IntervalSeconds, 6);           // the one after starts where the folded one ended
        Assert.Equal(50, Assert.Single(next.Threads).CpuPercent, 6);
    }

    [Fact]
    public void After_a_fold_the_next_normal_interval_is_not_taken_for_a_sliver()
    {
        // A late tick (0.83 s) and the timer catching up (0.17 s later): the sliver is folded, giving 1.0 s. The
        // normal interval after it (a little under 0.5 s, as timers go) must start a new interval, not fold again
        // (and again, each covering more of the run).
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        double cpu = 0;
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0, onCpuMs: 0)));
        aggregator.Prime();
        var intervals = new List<double>();
        foreach (double seconds in new[] { 0.5, 0.83, 0.17, 0.49, 0.5, 0.03 })
        {
            Advance(seconds, 0);
            cpu += seconds * 1000 / 2;
            _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", cpu, onCpuMs: cpu)));
            var snapshot = aggregator.Take();
            intervals.Add(Math.Round(snapshot.IntervalSeconds, 6));
            Assert.Equal(50, Assert.Single(snapshot.Threads).CpuPercent, 6);
        }

        // The last, a sliver of the 0.5 s before it, is folded into it as at the end of a run.
        Assert.Equal([0.5, 0.83, 1.0, 0.49, 0.5, 0.53], intervals);
    }

    [Fact]
    public void A_process_peak_is_never_below_a_working_set_it_showed_before()
    {
        // The kernel's VmHWM is updated lazily: read after the resident set shrank it can be below an earlier VmRSS.
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 40 * Megabyte, Thread(10, "a", 0)));
        aggregator.Prime();
        Advance(1, 0);
        var high = aggregator.Take();
        Advance(1, 0);
        _sampler.Set(Pid, Process(Pid, 38 * Megabyte, Thread(10, "a", 0)) with { PeakWorkingSetBytes = 39 * Megabyte });
        var later = aggregator.Take();

        Assert.Equal(40 * Megabyte, Assert.Single(high.Processes).PeakWorkingSetBytes);
        Assert.Equal(38 * Megabyte, Assert.Single(later.Processes).WorkingSetBytes);
        Assert.Equal(40 * Megabyte, Assert.Single(later.Processes).PeakWorkingSetBytes);
        Assert.Equal(40 * Megabyte, aggregator.MostResidentBytes(Pid));
    }

    [Fact]
    public void Others_are_what_the_machine_was_busy_with_beyond_what_is_watched()
    {
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        aggregator.Prime();
        Advance(1, machineBusyMs: 1800);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 300)));

        var snapshot = aggregator.Take();

        Assert.Equal(150, snapshot.Totals.OtherCpuPercent!.Value, 6); // 1500 ms of others in one second
    }

    [Fact]
    public void A_worker_process_counts_every_gc_since_it_started()
    {
        var aggregator = Aggregator();
        aggregator.Watch(Pid, ProcessRole.Worker);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        aggregator.Post(new GcStarted(Pid, 3, Count: 4, Generation: 0));
        aggregator.Post(new GcStarted(Pid, 3, Count: 5, Generation: 1));

        Assert.Equal(5, Assert.Single(aggregator.Take().Processes).GcCount);
        Assert.Equal(5, aggregator.GcCount(Pid));
    }

    [Fact]
    public async Task Effective_parallelism_never_exceeds_the_cpu_the_workers_got()
    {
        // Workers that cannot tell their CPU time (no cpuMs in their reports) and a calibration far too slow: the
        // quotient is 2,000 threads' worth, the workers' process got 1.5 CPUs.
        var rate = new SingleThreadRate(1e6);
        var aggregator = Aggregator(rate);
        await using var scripted = await StartAsync(4_000_000_000, 2,
            [Started(0, 0, 2_000_000_000), Started(1, 2_000_000_000, 4_000_000_000)],
            ["{\"type\":\"progress\",\"worker\":0,\"iterations\":1000000000}", "{\"type\":\"progress\",\"worker\":1,\"iterations\":1000000000}"]);
        int pid = scripted.Run.Processes[0].Pid;
        _sampler.Set(pid, Process(pid, 30 * Megabyte, Thread(1000, "sum-worker-0", 0), Thread(1001, "sum-worker-1", 0)));
        aggregator.Follow(scripted.Run);
        scripted.Open();
        await Until(() => scripted.Run.Iterations == 2_000_000_000);
        Advance(1, machineBusyMs: 1500);
        _sampler.Set(pid, Process(pid, 30 * Megabyte, Thread(1000, "sum-worker-0", 750), Thread(1001, "sum-worker-1", 750)));

        var totals = aggregator.Take().Totals;

        Assert.Equal(2e9, totals.IterationsPerSec, 6);
        Assert.Equal(1.5, totals.EffectiveParallelism!.Value, 6);
        Assert.Equal("capped at the CPU time the workers got", totals.ParallelismUncertain);
        Assert.Equal(1e6, rate.Value); // nothing to raise it with
    }

    [Fact]
    public async Task One_threads_rate_rises_to_what_a_worker_did_per_cpu_second()
    {
        var rate = new SingleThreadRate(1e9);
        var aggregator = Aggregator(rate);
        await using var scripted = await StartAsync(1_000_000_000, 1,
            [Started(0, 0, 1_000_000_000), Progress(0, 0, cpuMs: 10)],
            [Progress(0, 300_000_000, cpuMs: 110)]);
        int pid = scripted.Run.Processes[0].Pid;
        await Until(() => scripted.Run.Workers[0].CpuMs == 10);
        _sampler.Set(pid, Process(pid, 30 * Megabyte, Thread(1000, "sum-worker-0", 10)));
        aggregator.Follow(scripted.Run);
        scripted.Open();
        await Until(() => scripted.Run.Iterations == 300_000_000);
        Advance(1, machineBusyMs: 100);
        _sampler.Set(pid, Process(pid, 30 * Megabyte, Thread(1000, "sum-worker-0", 110)));

        var totals = aggregator.Take().Totals;

        Assert.Equal(3e9, rate.Value, 6);                   // 3e8 iterations in 100 ms of the thread's CPU
        Assert.Equal(0.1, totals.EffectiveParallelism!.Value, 6);
        Assert.Null(totals.ParallelismUncertain);
    }

    [Fact]
    public async Task A_worker_process_that_exited_is_shown_with_its_own_last_report()
    {
        var aggregator = Aggregator(new SingleThreadRate(1e9));
        var finals = new List<ProcessCounters>();
        aggregator.CountersRead += c => { if (c.Final) finals.Add(c); };
        await using var scripted = await StartAsync(10, 1,
            [Started(0, 0, 10)],
            [Finished(0, 10, "45", cpuMs: 850), Usage(cpuMs: 900, peak: 50 * Megabyte)], exitAfter: true);
        int pid = scripted.Run.Processes[0].Pid;
        _sampler.Set(pid, Process(pid, 30 * Megabyte, Thread(1000, "sum-worker-0", 100)));
        aggregator.Follow(scripted.Run);
        scripted.Open();
        var result = await scripted.Run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        _sampler.Set(pid, null);
        Advance(1, machineBusyMs: 800);

        var last = aggregator.Take();
        Advance(1, machineBusyMs: 0);
        var after = aggregator.Take();

        var gone = Assert.Single(last.Processes);
        Assert.True(gone.Exited);
        Assert.Equal(900, gone.CpuMs, 6);                   // its own report, not the last reading's 100 ms
        Assert.Equal(80, gone.CpuPercent, 6);               // 800 ms after that reading, in this second
        Assert.Equal(50 * Megabyte, gone.PeakWorkingSetBytes);
        Assert.Equal(30 * Megabyte, gone.WorkingSetBytes);
        Assert.Equal(result.CpuMs!.Value, last.Totals.CpuMs, 6);
        Assert.Equal(0, Assert.Single(after.Processes).CpuPercent, 6);
        var final = Assert.Single(finals);                  // handed on once, for a recording
        Assert.Equal(900, final.UserMs + final.SystemMs, 6);
        Assert.Equal(50 * Megabyte, final.PeakWorkingSetBytes);
    }
}
