using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>
/// The aggregator following runs it is handed (<see cref="FakeRun"/>): which processes it watches as a run's, the
/// run's rate and figures, and what it keeps of the runs before.
/// </summary>
public sealed class FollowedRunTests
{
    private const int MonitorPid = 10;
    private const int AttachedPid = 20;
    private readonly ScriptedSampler _sampler = new();
    private readonly ManualClock _clock = new();
    private readonly Dictionary<int, int[]> _children = new();
    private readonly List<int> _descendantsAskedOf = new();
    private double _machineBusyMs = 1_000_000;

    private SnapshotAggregator Aggregator(SingleThreadRate? rate = null) =>
        new(_sampler, rate, _clock, machineBusyMs: () => _machineBusyMs, logicalCpus: 4, descendantsOf: pid =>
        {
            _descendantsAskedOf.Add(pid);
            return _children.GetValueOrDefault(pid, []);
        });

    private void Advance(double seconds, double machineBusyMs = 0)
    {
        _clock.Advance(TimeSpan.FromSeconds(seconds));
        _machineBusyMs += machineBusyMs;
    }

    private void Running(int pid, double cpuMs = 0, string thread = "main") =>
        _sampler.Set(pid, Process(pid, 1000, Thread(pid * 10, thread, cpuMs, onCpuMs: cpuMs)));

    private static (int Pid, ProcessRole Role)[] Watched(Snapshot s) => s.Processes.Select(p => (p.Pid, p.Role)).Order().ToArray();

    [Fact]
    public void Follow_replaces_the_previous_runs_processes_and_keeps_monitor_and_attached_processes()
    {
        var aggregator = Aggregator();
        aggregator.Watch(MonitorPid, ProcessRole.Monitor);
        aggregator.Watch(AttachedPid, ProcessRole.External);
        foreach (int pid in new[] { MonitorPid, AttachedPid, 100, 101, 200 }) Running(pid);
        _children[100] = [101];
        var first = new FakeRun(1, 1000, 100);
        aggregator.Follow(first);

        var duringFirst = aggregator.Take();
        aggregator.Follow(new FakeRun(1, 1000, 200));
        var duringSecond = aggregator.Take();

        Assert.Equal([(MonitorPid, ProcessRole.Monitor), (AttachedPid, ProcessRole.External), (100, ProcessRole.Worker), (101, ProcessRole.Worker)],
            Watched(duringFirst));
        // The first run's process and the child it made are gone from the list, though both still run.
        Assert.Equal([(MonitorPid, ProcessRole.Monitor), (AttachedPid, ProcessRole.External), (200, ProcessRole.Worker)], Watched(duringSecond));
    }

    [Fact]
    public void Children_found_while_the_run_goes_count_as_its_own_and_are_not_looked_for_once_it_ended()
    {
        var aggregator = Aggregator();
        Running(100, cpuMs: 50);
        var run = new FakeRun(1, 1000, 100);
        aggregator.Follow(run);
        Advance(1);
        var before = aggregator.Take();
        _children[100] = [101];
        Running(101, cpuMs: 300);
        Advance(1);
        var found = aggregator.Take();
        run.Complete(elapsedMs: 2000);
        _descendantsAskedOf.Clear();
        _children[100] = [101, 102];
        Running(102, cpuMs: 10);
        Advance(1);
        var ended = aggregator.Take();

        Assert.Equal([100], before.Processes.Select(p => p.Pid));
        var child = found.Processes.Single(p => p.Pid == 101);
        Assert.Equal(ProcessRole.Worker, child.Role);
        Assert.Equal(300, child.CpuMs, 6);                  // born during the run: all its CPU is the run's
        Assert.Equal(30, child.CpuPercent, 6);
        Assert.Equal(350, found.Totals.CpuMs, 6);
        Assert.Empty(_descendantsAskedOf);
        Assert.Equal([100, 101], ended.Processes.Select(p => p.Pid).Order());
    }

    [Fact]
    public void A_child_that_exited_counts_with_its_own_last_report()
    {
        var aggregator = Aggregator();
        Running(100, cpuMs: 20);
        _children[100] = [101];
        Running(101, cpuMs: 100);
        var run = new FakeRun(1, 1000, 100);
        aggregator.Follow(run);
        Advance(1);
        aggregator.Take();
        _children[100] = [];
        _sampler.Set(101, null);
        run.Reported(100, new WorkerUsage(101, CpuMs: 400, PeakWorkingSetBytes: 5000));
        Advance(1);

        var snapshot = aggregator.Take();

        var child = snapshot.Processes.Single(p => p.Pid == 101);
        Assert.True(child.Exited);
        Assert.Equal(400, child.CpuMs, 6);
        Assert.Equal(30, child.CpuPercent, 6);              // 300 ms more than its last reading, in this second
        Assert.Equal(5000, child.PeakWorkingSetBytes);
        Assert.Equal(420, snapshot.Totals.CpuMs, 6);
    }

    [Fact]
    public void A_child_never_found_below_the_run_is_watched_once_it_reported_its_usage()
    {
        var aggregator = Aggregator();
        Running(100);
        var run = new FakeRun(1, 1000, 100);
        aggregator.Follow(run);
        Running(103, cpuMs: 250);                          // not listed under 100: its parent already went
        run.Reported(100, new WorkerUsage(103, CpuMs: 250, PeakWorkingSetBytes: 0));
        Advance(1);

        var snapshot = aggregator.Take();

        var child = snapshot.Processes.Single(p => p.Pid == 103);
        Assert.Equal(ProcessRole.Worker, child.Role);
        Assert.Equal(250, child.CpuMs, 6);
    }

    [Fact]
    public void Before_a_run_is_ended_its_processes_and_their_children_are_read_and_nothing_else()
    {
        var aggregator = Aggregator();
        aggregator.Watch(MonitorPid, ProcessRole.Monitor);
        Running(MonitorPid, cpuMs: 900);
        Running(100, cpuMs: 70);
        Running(101, cpuMs: 30);
        var run = new FakeRun(1, 1000, 100);
        aggregator.Follow(run);
        _children[100] = [101];

        var read = aggregator.ReadBeforeEnding(run);

        Assert.Equal([(100, 70.0), (101, 30.0)], read.Select(u => (u.Pid, u.CpuMs)).Order());
    }

    [Fact]
    public void The_runs_rate_is_its_own_count_over_the_interval_and_each_workers_thread_shows_its_share()
    {
        var aggregator = Aggregator();
        var run = new FakeRun(2, 10_000, 100) { Elapsed = TimeSpan.FromSeconds(3) };
        run.Started(0, 100, 1000);
        run.Started(1, 100, 1001);
        _sampler.Set(100, Process(100, 1000, Thread(1000, "main", 0), Thread(1001, "main", 0)));
        aggregator.Follow(run);
        run.Progressed(0, 1200, cpuMs: null);
        run.Progressed(1, 800, cpuMs: null);
        Advance(2);

        var snapshot = aggregator.Take();

        Assert.Equal(1000, snapshot.Totals.IterationsPerSec, 6);
        Assert.Equal(0.2, snapshot.Totals.Progress, 6);
        Assert.Equal(new WorkloadInfo(RunMode.Threads, WorkKind.Cpu, WorkerRuntime.Dotnet, 2, 10_000, 3, 2000, false), snapshot.Workload);
        Assert.Equal([(0, 600.0), (1, 400.0)], snapshot.Threads.Select(t => (t.Worker!.Value, t.IterationsPerSec!.Value)));
        Assert.All(snapshot.Threads, t => Assert.Equal(ThreadRole.Worker, t.Role));
    }

    [Fact]
    public void Once_the_run_ended_its_effective_parallelism_is_the_whole_runs_until_another_run_is_followed()
    {
        var aggregator = Aggregator(new SingleThreadRate(1000));
        var run = new FakeRun(1, 10_000, 100);
        run.Started(0, 100, 1000);
        _sampler.Set(100, Process(100, 1000, Thread(1000, "main", 0)));
        aggregator.Follow(run);
        run.Progressed(0, 1000, cpuMs: null);
        Advance(1, machineBusyMs: 1000);
        _sampler.Set(100, Process(100, 1000, Thread(1000, "main", 1000)));
        var running = aggregator.Take().Totals;
        run.Progressed(0, 2000, cpuMs: null);
        run.Reported(100, new WorkerUsage(100, CpuMs: 2000, PeakWorkingSetBytes: 0));
        run.Complete(elapsedMs: 1000);
        Advance(1, machineBusyMs: 1500);
        _sampler.Set(100, Process(100, 1000, Thread(1000, "main", 2000)));
        var ended = aggregator.Take().Totals;
        var whole = aggregator.CompletedRun;
        aggregator.Follow(new FakeRun(1, 10_000, 200));

        Assert.Equal(1, running.EffectiveParallelism!.Value, 6);    // 1000 iterations in 1 s at 1000/s
        Assert.Null(running.ParallelismUncertain);
        Assert.Equal(2, ended.EffectiveParallelism!.Value, 6);      // the result's 2000 iterations in 1 s, not the last interval's
        Assert.NotNull(whole);
        Assert.Equal(2, whole.Figure!.Value.Value, 6);
        Assert.Equal(25, whole.OtherCpuPercent!.Value, 6);          // 2500 ms busy over 2 s, 2000 ms of it the run's
        Assert.Null(aggregator.CompletedRun);
    }

    [Fact]
    public void Contention_totals_count_the_followed_run_and_attached_processes_but_not_monitor_itself()
    {
        var aggregator = Aggregator();
        aggregator.Watch(MonitorPid, ProcessRole.Monitor);
        aggregator.Watch(AttachedPid, ProcessRole.External);
        aggregator.Post(new ContentionStarted(MonitorPid, 1, 7, 2));
        aggregator.Post(new ContentionStopped(MonitorPid, 1, 7, DurationNs: 9_000_000));
        aggregator.Post(new ContentionStarted(AttachedPid, 1, 7, 2));
        // A worker's event read before the run is followed still counts once it is.
        aggregator.Post(new ContentionStarted(100, 1, 7, 2));
        aggregator.Post(new ContentionStopped(100, 1, 7, DurationNs: 3_000_000));
        var counts = new List<(long, double)> { (aggregator.ContentionCount, aggregator.ContentionWaitMs) };
        aggregator.Follow(new FakeRun(1, 1000, 100));
        counts.Add((aggregator.ContentionCount, aggregator.ContentionWaitMs));
        aggregator.Follow(new FakeRun(1, 1000, 200));
        counts.Add((aggregator.ContentionCount, aggregator.ContentionWaitMs));

        Assert.Equal([(1, 0.0), (2, 3.0), (1, 0.0)], counts);
    }

    [Fact]
    public void What_the_runtime_said_of_the_previous_runs_processes_is_kept_and_of_older_ones_dropped()
    {
        var aggregator = Aggregator();
        aggregator.Follow(new FakeRun(1, 1000, 100));
        aggregator.Post(new GcStarted(100, 1, Count: 3, Generation: 0));
        aggregator.Follow(new FakeRun(1, 1000, 200));
        int afterOne = aggregator.GcCount(100);
        aggregator.Follow(new FakeRun(1, 1000, 300));
        int afterTwo = aggregator.GcCount(100);

        Assert.Equal(3, afterOne);
        Assert.Equal(0, afterTwo);
    }
}
