using Monitor.Diagnostics.Aggregation;
using Monitor.Model;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Effective parallelism over an interval while the run goes, over the whole run once it ended, and one
/// thread's rate raised by what the workers did.</summary>
public sealed class ParallelismEstimatorTests
{
    private const int Cpus = 4;
    private readonly ManualClock _clock = new();
    private readonly SingleThreadRate _rate = new(1000);
    private readonly FakeRun _run = new(1, 1_000_000, 100);

    private ParallelismEstimator Estimator(SingleThreadRate? rate) => new(rate, Cpus, _clock);

    private static IntervalMark Mark(long at, double? machineBusyMs = null, params (int Worker, long Iterations, double? CpuMs)[] workers)
    {
        var mark = new IntervalMark(at) { MachineBusyMs = machineBusyMs };
        foreach (var (worker, iterations, cpuMs) in workers) mark.Workers[worker] = new WorkerReading(iterations, cpuMs);
        return mark;
    }

    [Fact]
    public void Without_one_threads_rate_or_a_run_there_is_no_figure()
    {
        Assert.Equal((null, null), Estimator(null).Of(_run, 1000, 1, 1000, 0, null, []));
        Assert.Equal((null, null), Estimator(_rate).Of(null, 1000, 1, 1000, 0, null, []));
    }

    [Fact]
    public void While_the_run_goes_the_figure_is_the_intervals_throughput_in_threads_capped_at_the_cpu_the_workers_got()
    {
        var estimator = Estimator(_rate);

        var free = estimator.Of(_run, iterations: 3000, seconds: 2, workersCpuMs: 4000, others: 0, null, []);
        var capped = estimator.Of(_run, iterations: 3000, seconds: 2, workersCpuMs: 2000, others: 0, null, []);
        var crowded = estimator.Of(_run, iterations: 3000, seconds: 2, workersCpuMs: 4000, others: 120, null, []);

        Assert.Equal((1.5, null), free);
        Assert.Equal((1.0, "capped at the CPU time the workers got"), capped);
        Assert.Equal((1.5, "others used 30% of the CPUs"), crowded);
        Assert.Null(estimator.CompletedRun);
    }

    [Fact]
    public void Once_the_run_ended_the_figure_is_the_whole_runs_with_what_others_used_over_it_beside_the_run_and_monitor()
    {
        var estimator = Estimator(_rate);
        var monitor = new WatchedProcess(10, ProcessRole.Monitor);
        monitor.SetBaselines(processCpuMs: 1000, processUserMs: 900, []);
        var start = Mark(_clock.GetTimestamp(), machineBusyMs: 10_000);
        start.ProcessCpuMs[10] = 1100;
        estimator.RunStartsAt(start);
        _run.Started(0, 100, 1000);
        _run.Progressed(0, 2000, cpuMs: null);
        _run.Reported(100, new WorkerUsage(100, CpuMs: 2000, PeakWorkingSetBytes: 0));
        _run.Complete(elapsedMs: 1000);
        _clock.Advance(TimeSpan.FromSeconds(2));
        monitor.LastShown = new ProcessSample(10, "monitor", ProcessRole.Monitor, 0, 0, null, null, 0, CpuMs: 200, 0, false);

        // 2000 ms the run's, 100 ms Monitor's since the start, 400 ms others' over 2 s.
        var ended = estimator.Of(_run, iterations: 0, seconds: 1, workersCpuMs: 0, others: 0, machineBusyMs: 12_500, [monitor]);
        var whole = estimator.CompletedRun;
        var later = estimator.Of(_run, iterations: 0, seconds: 1, workersCpuMs: 0, others: 0, machineBusyMs: 50_000, [monitor]);

        Assert.Equal((2.0, null), ended);                   // 2000 iterations in the result's 1 s, not the interval's none
        Assert.NotNull(whole);
        Assert.Equal(20, whole.OtherCpuPercent!.Value, 6);
        Assert.Same(whole, estimator.CompletedRun);         // worked out once: the last snapshot's figure is the run's
        Assert.Equal(ended, later);
        estimator.Follow();
        Assert.Null(estimator.CompletedRun);
    }

    [Fact]
    public void One_threads_rate_rises_to_what_a_worker_did_per_cpu_second_between_two_marks()
    {
        var estimator = Estimator(_rate);

        estimator.LearnRate(Mark(0, null, (0, 1000, 100), (1, 0, null)), Mark(1, null, (0, 301_000, 200), (1, 900_000, null)));

        Assert.Equal(3e6, _rate.Value, 6);                  // worker 0: 300,000 iterations in 100 ms; worker 1 cannot tell its CPU
        estimator.LearnRate(Mark(1, null, (0, 301_000, 200)), Mark(2, null, (0, 311_000, 300)));
        Assert.Equal(3e6, _rate.Value, 6);                  // a slower window does not lower it
    }
}
