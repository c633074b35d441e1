using Monitor.Diagnostics.Aggregation;
using Monitor.Runners;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Which thread is which worker: the run's own report first, then the runtime's event, then the thread's name.</summary>
public sealed class WorkerAttributionTests
{
    private const int Pid = 100;
    private readonly WorkerAttribution _attribution = new();
    private readonly FakeRun _run = new(3, 3000, Pid);

    private int? WorkerOf(int tid, string name, IReadOnlyDictionary<int, int>? events = null, bool inRunProcess = true) =>
        _attribution.WorkerOf(Pid, tid, name, inRunProcess, events, out _);

    [Fact]
    public void The_runs_own_report_comes_before_the_runtimes_event_and_the_threads_name()
    {
        _run.Started(2, Pid, 1001);
        _attribution.Update(_run);

        int? worker = _attribution.WorkerOf(Pid, 1001, "sum-worker-0", inRunProcess: true, new Dictionary<int, int> { [1001] = 1 }, out var state);

        Assert.Equal(2, worker);
        Assert.Same(_run.Workers[2], state);
    }

    [Fact]
    public void The_runtimes_event_comes_before_the_threads_name()
    {
        _attribution.Update(_run);

        Assert.Equal(1, WorkerOf(1001, "sum-worker-0", new Dictionary<int, int> { [1001] = 1 }));
    }

    [Fact]
    public void A_threads_name_says_which_worker_it_is_only_in_a_process_of_the_run()
    {
        _attribution.Update(_run);

        Assert.Equal(2, WorkerOf(1001, "sum-worker-2"));
        Assert.Null(WorkerOf(1001, "sum-worker-2", inRunProcess: false));
        Assert.Null(WorkerOf(1002, "main"));
    }

    [Fact]
    public void A_worker_known_by_its_event_or_name_before_its_report_still_gets_its_state()
    {
        _attribution.Update(_run);                          // no worker has said it started yet

        _attribution.WorkerOf(Pid, 1001, "sum-worker-1", inRunProcess: true, null, out var byName);
        _attribution.WorkerOf(Pid, 1002, "main", inRunProcess: true, new Dictionary<int, int> { [1002] = 2 }, out var byEvent);
        _attribution.WorkerOf(Pid, 1003, "sum-worker-7", inRunProcess: true, null, out var unknown);

        Assert.Same(_run.Workers[1], byName);
        Assert.Same(_run.Workers[2], byEvent);
        Assert.Null(unknown);                               // a worker the run does not have
        Assert.Equal(7, WorkerOf(1003, "sum-worker-7"));
    }

    [Fact]
    public void The_run_is_read_at_each_update_and_a_thread_of_a_run_no_longer_followed_is_nobodys()
    {
        _attribution.Update(_run);
        var before = WorkerOf(1001, "main");
        _run.Started(0, Pid, 1001);
        _attribution.Update(_run);
        var after = WorkerOf(1001, "main");
        _attribution.Update(new FakeRun(1, 1000, 200));
        var nextRun = WorkerOf(1001, "main");
        _attribution.Update(null);
        _attribution.WorkerOf(Pid, 1001, "sum-worker-0", inRunProcess: true, null, out var withoutRun);

        Assert.Null(before);
        Assert.Equal(0, after);
        Assert.Null(nextRun);
        Assert.Null(withoutRun);
    }
}
