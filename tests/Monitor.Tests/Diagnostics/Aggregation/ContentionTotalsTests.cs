using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Contention counted per process over all intervals, summed over what is watched, Monitor left out.</summary>
public sealed class ContentionTotalsTests
{
    private readonly ContentionTotals _totals = new();

    private void Contended(int pid, double waitMs)
    {
        _totals.Started(new ContentionStarted(pid, 1, LockId: 7, OwnerTid: 2));
        _totals.Stopped(new ContentionStopped(pid, 1, LockId: 7, DurationNs: waitMs * 1e6));
    }

    [Fact]
    public void Each_start_is_one_contention_and_each_stop_adds_its_wait()
    {
        Contended(100, 2);
        Contended(100, 3);
        _totals.Started(new ContentionStarted(100, 1, 7, 2));   // still waiting

        Assert.Equal((3, 5.0), _totals.Of([new WatchedProcess(100, ProcessRole.Worker)]));
    }

    [Fact]
    public void Only_watched_processes_count_and_monitors_own_process_never()
    {
        Contended(10, 100);
        Contended(20, 2);
        Contended(100, 3);
        Contended(999, 50);                                     // heard of, not watched (a run no longer followed)

        var total = _totals.Of([
            new WatchedProcess(10, ProcessRole.Monitor),
            new WatchedProcess(20, ProcessRole.External),
            new WatchedProcess(100, ProcessRole.Worker),
            new WatchedProcess(101, ProcessRole.Worker),        // watched, never contended
        ]);

        Assert.Equal((2, 5.0), total);
    }
}
