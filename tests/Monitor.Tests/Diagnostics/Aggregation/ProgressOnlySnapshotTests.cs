using Monitor.Diagnostics.Aggregation;
using Monitor.Model;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>
/// Snapshots without the OS sampler (--diagnostics none), which carry the run's own progress only: `run --json` writes
/// each as a progress line. Its figures are of one moment, and its time never goes back, whenever the workers' lines
/// arrive and however late Monitor reads the run's end.
/// </summary>
public sealed class ProgressOnlySnapshotTests
{
    private const long N = 1_000_000;
    private readonly ManualClock _clock = new();

    private SnapshotAggregator Aggregator() => new(sampler: null, singleThreadRate: null, _clock, machineBusyMs: () => null);

    [Fact]
    public void Progress_iterations_and_rate_come_from_one_reading_though_a_worker_reports_between_reads()
    {
        var aggregator = Aggregator();
        // Each time the run's count is read, a worker's progress line has arrived just after: as on a busy machine,
        // where the reader thread runs between any two reads of the snapshot's.
        var run = new ReportingBetweenReads(new FakeRun(2, N), step: 37_000);
        aggregator.Follow(run);

        for (int i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(0.1));
            var snapshot = aggregator.Take();
            var workload = snapshot.Workload!;

            Assert.Equal((double)workload.Iterations / N, snapshot.Totals.Progress, 12);
            // Over the interval: this reading less the one the interval started from (one line arrived in between).
            Assert.Equal(37_000 / 0.1, snapshot.Totals.IterationsPerSec, 6);
        }
    }

    [Fact]
    public void The_runs_time_does_not_go_back_when_its_end_is_dated_before_a_snapshot_taken_meanwhile()
    {
        var aggregator = Aggregator();
        var run = new FakeRun(2, N);
        aggregator.Follow(run);
        run.Progressed(0, N / 2, null);
        run.Progressed(1, N / 2 - 10, null);
        // Monitor's clock has gone on past the workers' last line (sent at 4.971 s), which it has not read yet.
        run.Elapsed = TimeSpan.FromSeconds(5.237);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var before = aggregator.Take();
        // Then it reads the end: the run's time is its workers' last line's.
        run.Progressed(1, N / 2, null);
        run.Complete(elapsedMs: 4971);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var last = aggregator.Take();

        Assert.Equal(5.237, before.Workload!.ElapsedSeconds, 6);
        Assert.True(last.Workload!.ElapsedSeconds >= before.Workload.ElapsedSeconds,
            $"went back: {before.Workload.ElapsedSeconds} → {last.Workload.ElapsedSeconds}");
        Assert.True(last.Workload.Finished);
        Assert.Equal(N, last.Workload.Iterations);
        Assert.Equal(1.0, last.Totals.Progress);

        // A run followed next has a time of its own, from its start.
        var next = new FakeRun(1, N) { Elapsed = TimeSpan.FromSeconds(0.2) };
        aggregator.Follow(next);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(0.2, aggregator.Take().Workload!.ElapsedSeconds, 6);
    }

    /// <summary>A run whose worker 0 reports <c>step</c> more iterations right after each read of its count.</summary>
    private sealed class ReportingBetweenReads(FakeRun run, long step) : IObservedRun
    {
        public WorkloadSpec Spec => run.Spec;
        public IReadOnlyList<WorkerState> Workers => run.Workers;
        public IReadOnlyList<IObservedProcess> Processes => run.Processes;
        public TimeSpan Elapsed => run.Elapsed;
        public bool IsCompleted => run.IsCompleted;
        public Task<RunResult> Completion => run.Completion;
        public double Progress => (double)Iterations / Spec.N;

        public long Iterations
        {
            get
            {
                long now = run.Iterations;
                run.Progressed(0, Math.Min(run.Workers[0].Length, run.Workers[0].Iterations + step), null);
                return now;
            }
        }
    }
}
