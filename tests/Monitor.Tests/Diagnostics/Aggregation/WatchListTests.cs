using Monitor.Diagnostics.Aggregation;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Which processes are watched, with which role, as runs come and go and their processes make children.</summary>
public sealed class WatchListTests
{
    private readonly Dictionary<int, int[]> _children = new();

    private WatchList List() => new(pid => _children.GetValueOrDefault(pid, []));

    private static (int, ProcessRole)[] Watched(WatchList list) => list.Processes.Select(w => (w.Pid, w.Role)).ToArray();

    [Fact]
    public void A_process_is_watched_once_with_the_role_it_was_first_given()
    {
        var list = List();
        list.Watch(10, ProcessRole.Monitor);
        list.Watch(20, ProcessRole.External);
        list.Watch(10, ProcessRole.Worker);

        Assert.Equal([(10, ProcessRole.Monitor), (20, ProcessRole.External)], Watched(list));
        Assert.Same(list.Processes[0], list.Find(10));
        Assert.Null(list.Find(30));
    }

    [Fact]
    public void Follow_drops_the_previous_runs_processes_and_children_and_keeps_monitor_and_attached_ones()
    {
        var list = List();
        list.Watch(10, ProcessRole.Monitor);
        list.Watch(20, ProcessRole.External);
        list.Follow(new FakeRun(2, 1000, 100, 110));
        list.Watch(101, ProcessRole.Worker);                // a child one of them made

        var dropped = list.Follow(new FakeRun(1, 1000, 200));

        Assert.Equal([(10, ProcessRole.Monitor), (20, ProcessRole.External), (200, ProcessRole.Worker)], Watched(list));
        Assert.Equal([100, 101, 110], dropped.Order());
        Assert.Equal([200], list.PidsOf(ProcessRole.Worker));
    }

    [Fact]
    public void Children_are_looked_for_below_each_of_the_runs_processes_while_it_runs()
    {
        var list = List();
        _children[100] = [101, 102];
        _children[110] = [111];
        var run = new FakeRun(2, 1000, 100, 110);

        Assert.Equal([101, 102, 111], list.FoundIn(run));
        Assert.Empty(list.Processes);                       // found, not yet watched: the caller decides
    }

    [Fact]
    public void Once_the_run_ended_only_the_processes_that_reported_their_usage_are_found()
    {
        var list = List();
        _children[100] = [101];
        var run = new FakeRun(1, 1000, 100);
        run.Reported(100, new WorkerUsage(100, 10, 0));
        run.Reported(100, new WorkerUsage(102, 10, 0));     // a child that ended before anyone looked
        var whileRunning = list.FoundIn(run);
        run.Complete(elapsedMs: 1);

        var ended = list.FoundIn(run);

        Assert.Equal([101, 100, 102], whileRunning);
        Assert.Equal([100, 102], ended);
    }

    [Fact]
    public void Without_a_process_tree_only_reported_processes_are_found()
    {
        var list = new WatchList(descendantsOf: null);
        var run = new FakeRun(1, 1000, 100);
        run.Reported(100, new WorkerUsage(103, 10, 0));

        Assert.Equal([103], list.FoundIn(run));
    }
}
