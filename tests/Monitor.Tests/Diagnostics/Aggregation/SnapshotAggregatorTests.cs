using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Model;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>The aggregator from canned readings and events: rates, roles, contention per lock, exited processes.</summary>
public sealed class SnapshotAggregatorTests
{
    private const int Pid = 4242;
    private readonly ScriptedSampler _sampler = new();
    private readonly ManualClock _clock = new();

    private SnapshotAggregator Watching(ProcessRole role = ProcessRole.External)
    {
        var aggregator = new SnapshotAggregator(_sampler, singleThreadRate: null, _clock);
        aggregator.Watch(Pid, role);
        return aggregator;
    }

    [Fact]
    public void Thread_cpu_is_the_on_cpu_time_over_the_interval_per_core()
    {
        var aggregator = Watching();
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "sum-worker-0", 100, 0, onCpuMs: 100, waitingMs: 0, voluntary: 5, involuntary: 1)));
        aggregator.Prime();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "sum-worker-0", 1000, 100, onCpuMs: 1300, waitingMs: 400, voluntary: 25, involuntary: 11)));

        var thread = Assert.Single(aggregator.Take().Threads);

        Assert.Equal(60, thread.CpuPercent, 6);        // 1200 ms on a CPU in 2 s
        // The finer schedstat total is split into user and system as the 10 ms ticks moved (900 : 100).
        Assert.Equal(54, thread.UserPercent, 6);
        Assert.Equal(6, thread.SystemPercent, 6);
        Assert.Equal(20, thread.CpuWaitPercent!.Value, 6);    // 400 ms runnable but waiting
        Assert.Equal(10, thread.BlockedPerSec!.Value, 6);     // 20 voluntary switches
        Assert.Equal(5, thread.PreemptedPerSec!.Value, 6);    // 10 involuntary switches
    }

    [Fact]
    public void Threads_are_named_and_given_roles_from_their_names_and_the_workload_events()
    {
        var aggregator = Watching();
        aggregator.Post(new SumWorkerStarted(Pid, 11, Worker: 1, 0, 10));
        _sampler.Set(Pid, Process(Pid, 1000, Thread(9, ".NET Finalizer", 0), Thread(11, "sum-worker-1", 0), Thread(12, "main", 0)));

        var threads = aggregator.Take().Threads;

        Assert.Equal(ThreadRole.Worker, threads[0].Role);
        Assert.Equal(1, threads[0].Worker);
        Assert.Equal(ThreadRole.Runtime, threads.Single(t => t.Tid == 9).Role);
        Assert.Equal(ThreadRole.Other, threads.Single(t => t.Tid == 12).Role);
    }

    [Fact]
    public void Contention_is_counted_per_interval_and_per_lock_with_the_owner_seen_most()
    {
        var aggregator = Watching();
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        aggregator.Post(new ContentionStarted(Pid, 11, LockId: 7, OwnerTid: 10));
        aggregator.Post(new ContentionStopped(Pid, 11, 7, DurationNs: 2_000_000));
        aggregator.Post(new ContentionStarted(Pid, 10, LockId: 7, OwnerTid: 11));
        aggregator.Post(new ContentionStopped(Pid, 10, 7, DurationNs: 1_000_000));
        aggregator.Post(new ContentionStarted(Pid, 12, LockId: 7, OwnerTid: 10));
        aggregator.Post(new ContentionStarted(Pid, 12, LockId: 9, OwnerTid: 0));

        var first = aggregator.Take().Contention;
        var second = aggregator.Take().Contention;

        Assert.Equal(4, first.Count);
        Assert.Equal(3, first.WaitMs, 6);
        var busiest = first.Locks[0];
        Assert.Equal(7UL, busiest.LockId);
        Assert.Equal(3, busiest.Waits);
        Assert.Equal(10, busiest.OwnerTid);
        Assert.Equal([10, 11, 12], busiest.WaiterTids);
        Assert.Null(first.Locks[1].OwnerTid);
        Assert.Equal(0, second.Count);
        Assert.Equal(4, aggregator.ContentionCount);
        Assert.Equal(3, aggregator.ContentionWaitMs, 6);
    }

    [Fact]
    public void A_wait_that_began_before_the_session_counts_its_time_but_makes_no_lock_of_its_own()
    {
        var aggregator = Watching();
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        // Contention/Stop without a Start seen: the translator knows no lock for it.
        aggregator.Post(new ContentionStopped(Pid, 11, 0, DurationNs: 4_661_000));
        aggregator.Post(new ContentionStarted(Pid, 12, LockId: 7, OwnerTid: 10));
        aggregator.Post(new ContentionStopped(Pid, 12, 7, DurationNs: 1_000_000));

        var contention = aggregator.Take().Contention;

        Assert.Equal(5.661, contention.WaitMs, 6);
        var only = Assert.Single(contention.Locks);
        Assert.Equal(7UL, only.LockId);
        Assert.Equal(1, only.WaitMs, 6);
    }

    [Fact]
    public void A_process_that_exits_keeps_its_last_memory_and_is_marked_exited()
    {
        var aggregator = Watching();
        _sampler.Set(Pid, Process(Pid, 52_000_000, Thread(10, "a", 0)));
        aggregator.Take();
        _sampler.Set(Pid, null);

        var gone = Assert.Single(aggregator.Take().Processes);

        Assert.True(gone.Exited);
        Assert.Equal(52_000_000, gone.WorkingSetBytes);
        Assert.Equal(0, gone.CpuPercent);
    }

    [Fact]
    public void Monitor_itself_is_listed_as_a_process_but_its_threads_are_not()
    {
        var aggregator = Watching(ProcessRole.Monitor);
        _sampler.Set(Pid, Process(Pid, 90_000_000, Thread(10, "monitor", 5)));

        var snapshot = aggregator.Take();

        Assert.Equal(ProcessRole.Monitor, Assert.Single(snapshot.Processes).Role);
        Assert.Empty(snapshot.Threads);
        Assert.Equal(0, snapshot.Totals.WorkingSetBytes); // totals are about what is watched, not Monitor
    }

    [Fact]
    public void Runtime_counters_give_the_gc_heap_and_gc_starts_the_gc_count()
    {
        var aggregator = Watching();
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "a", 0)));
        aggregator.Post(new CounterValue(Pid, "gc-heap-size", 12.5, "MB"));
        aggregator.Post(new GcStarted(Pid, 3, Count: 4, Generation: 0));
        aggregator.Post(new GcStarted(Pid, 3, Count: 5, Generation: 1));

        var process = Assert.Single(aggregator.Take().Processes);

        Assert.Equal(12_500_000, process.GcHeapBytes);
        // Attached: the GCs since watching began (GC 4 was the first seen), not the process's 5 since it started.
        Assert.Equal(2, process.GcCount);
        Assert.Equal(2, aggregator.GcCount(Pid));
    }

    // As LiveSession words it when a worker's stream breaks off and the worker is still running 3 s later.
    private const string BrokenWhileRunning =
        "the event stream of process 4242 broke off (FormatException: Read past end of stream.) while the process runs on";

    [Fact]
    public void A_session_that_failed_marks_its_process_runtime_events_stopped_while_the_os_figures_go_on()
    {
        var aggregator = Watching(ProcessRole.Worker);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "sum-worker-0", 100)));
        aggregator.Post(new CounterValue(Pid, "gc-heap-size", 12.5, "MB"));
        Assert.Null(Assert.Single(aggregator.Take().Processes).DiagnosticsStatus);

        aggregator.Post(new SessionEnded(Pid, BrokenWhileRunning, ProcessRunsOn: true));
        _clock.Advance(TimeSpan.FromSeconds(1));
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "sum-worker-0", 600)));
        var process = Assert.Single(aggregator.Take().Processes);

        Assert.Equal("runtime events stopped: " + BrokenWhileRunning, process.DiagnosticsStatus);
        Assert.False(process.Exited);
        Assert.Equal(50, process.CpuPercent, 6);          // the OS sampler's figures go on
        Assert.Equal(12_500_000, process.GcHeapBytes);    // the runtime's last values stay; the status says they no longer move

        _sampler.Set(Pid, null);
        var gone = Assert.Single(aggregator.Take().Processes);
        Assert.True(gone.Exited);
        Assert.Equal(process.DiagnosticsStatus, gone.DiagnosticsStatus);
    }

    [Theory]
    [InlineData(null, false)]   // the worker exited normally, or Monitor stopped the session
    [InlineData("the event stream of process 4242 broke off (FormatException: Read past end of stream.); the process was probably killed", false)]
    public void A_session_that_ended_with_its_process_or_was_stopped_is_no_failure(string? error, bool runsOn)
    {
        var aggregator = Watching(ProcessRole.Worker);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "sum-worker-0", 100)));
        aggregator.Take();

        aggregator.Post(new SessionEnded(Pid, error, runsOn));
        _sampler.Set(Pid, null);

        var gone = Assert.Single(aggregator.Take().Processes);
        Assert.True(gone.Exited);
        Assert.Null(gone.DiagnosticsStatus);
    }
}
