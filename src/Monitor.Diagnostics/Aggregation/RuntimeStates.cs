using Monitor.Diagnostics.Sources;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>What the runtime said of each process (<see cref="RuntimeState"/> by pid), from the events its session
/// posts. Not thread-safe: the aggregator locks.</summary>
internal sealed class RuntimeStates
{
    private readonly Dictionary<int, RuntimeState> _byPid = new();

    /// <summary>Takes in what <paramref name="e"/> says of its process; events that say nothing of one are passed by.</summary>
    public void Apply(RuntimeEvent e)
    {
        switch (e)
        {
            case GcStarted g:
                Of(g.Pid).OnGc(g.Count);
                break;
            case CounterValue c:
                Of(c.Pid).Apply(c);
                break;
            case ThreadPoolAdjusted a:
                Of(a.Pid).OnThreadPoolAdjusted(a);
                break;
            case SumWorkerStarted w:
                Of(w.Pid).WorkerByTid[w.Tid] = w.Worker;
                break;
            case SessionEnded { Error: { } error, ProcessRunsOn: true } ended:
                // Only a session that failed under a living process: one that ended with its process (exited or
                // killed: the snapshot says so already) or that Monitor stopped is no news.
                Of(ended.Pid).EventsStopped = RuntimeState.EventsStoppedPrefix + error;
                break;
        }
    }

    /// <summary>What the runtime said of <paramref name="pid"/>; null when it said nothing yet.</summary>
    public RuntimeState? Find(int pid) => _byPid.GetValueOrDefault(pid);

    /// <summary>Forgets every process <paramref name="keep"/> says no to, so that memory stays bounded over runs.</summary>
    public void KeepOnly(Func<int, bool> keep)
    {
        foreach (int pid in _byPid.Keys.Where(pid => !keep(pid)).ToArray()) _byPid.Remove(pid);
    }

    private RuntimeState Of(int pid)
    {
        if (!_byPid.TryGetValue(pid, out var state))
        {
            state = new RuntimeState();
            _byPid[pid] = state;
        }
        return state;
    }
}
