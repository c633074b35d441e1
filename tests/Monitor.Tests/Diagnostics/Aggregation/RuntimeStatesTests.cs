using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>What the runtime's events say of each process, and forgetting the processes no longer of interest.</summary>
public sealed class RuntimeStatesTests
{
    private readonly RuntimeStates _states = new();

    [Fact]
    public void Events_are_kept_per_process()
    {
        _states.Apply(new GcStarted(100, 1, Count: 4, Generation: 0));
        _states.Apply(new GcStarted(100, 1, Count: 6, Generation: 2));
        _states.Apply(new CounterValue(100, "gc-heap-size", 3, "MB"));
        _states.Apply(new SumWorkerStarted(100, Tid: 1001, Worker: 1, 0, 10));
        _states.Apply(new CounterValue(200, "working-set", 40, "MB"));

        var first = _states.Find(100)!;
        Assert.Equal(6, first.GcCountFor(bornWatched: true));   // the runtime's own count since it started
        Assert.Equal(3, first.GcCountFor(bornWatched: false));  // GCs 4, 5 and 6: since the first one seen
        Assert.Equal(3_000_000, first.GcHeapBytes);
        Assert.Equal(1, first.WorkerByTid[1001]);
        Assert.Null(first.WorkingSetBytes);
        Assert.Equal(40_000_000, _states.Find(200)!.WorkingSetBytes);
        Assert.Null(_states.Find(300));
    }

    [Fact]
    public void Only_a_session_that_failed_under_a_living_process_marks_its_events_stopped()
    {
        _states.Apply(new SessionEnded(100, "the stream broke off", ProcessRunsOn: true));
        _states.Apply(new SessionEnded(200, "the stream broke off; the process was probably killed", ProcessRunsOn: false));
        _states.Apply(new SessionEnded(300, Error: null));

        Assert.Equal("runtime events stopped: the stream broke off", _states.Find(100)!.EventsStopped);
        Assert.Null(_states.Find(200));
        Assert.Null(_states.Find(300));
    }

    [Fact]
    public void Keep_only_forgets_every_other_process()
    {
        foreach (int pid in new[] { 100, 200, 300 }) _states.Apply(new GcStarted(pid, 1, 1, 0));

        _states.KeepOnly(pid => pid != 200);

        Assert.NotNull(_states.Find(100));
        Assert.Null(_states.Find(200));
        Assert.NotNull(_states.Find(300));
    }
}
