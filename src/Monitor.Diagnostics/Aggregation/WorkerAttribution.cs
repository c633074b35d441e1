using Monitor.Runners;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Which thread is which worker of the followed run. Three sources say it, asked in this order: the run's own worker
/// state (a worker's started line gives its pid and tid); the runtime's SumWorkerStarted event for the thread; the
/// thread's name ("sum-worker-3"), in one of the run's processes only: our workers name their threads, which covers
/// the moments before their first line arrives. Not thread-safe: the aggregator locks.
/// </summary>
internal sealed class WorkerAttribution
{
    private readonly Dictionary<(int Pid, int Tid), WorkerState> _byThread = new();
    private IReadOnlyList<WorkerState> _workers = [];

    /// <summary>Takes who is where from <paramref name="run"/> as it stands (a worker's thread is known once it has
    /// said it started); without a run, no worker has a state.</summary>
    public void Update(IObservedRun? run)
    {
        _byThread.Clear();
        _workers = run?.Workers ?? [];
        foreach (var w in _workers)
        {
            if (w.Tid != 0) _byThread[(w.Pid, w.Tid)] = w;
        }
    }

    /// <summary>The worker thread <paramref name="tid"/> of <paramref name="pid"/> is, or null for none.</summary>
    /// <param name="inRunProcess">the process is one of the run's (only there does a worker's name mean one).</param>
    /// <param name="startedByRuntime">the process's runtime's SumWorkerStarted events (worker by tid); null: none.</param>
    /// <param name="state">the worker's state in the run, when the run has that worker.</param>
    public int? WorkerOf(int pid, int tid, string threadName, bool inRunProcess, IReadOnlyDictionary<int, int>? startedByRuntime, out WorkerState? state)
    {
        if (_byThread.TryGetValue((pid, tid), out state)) return state.Worker;
        int worker;
        if (startedByRuntime is not null && startedByRuntime.TryGetValue(tid, out int fromEvent)) worker = fromEvent;
        else if (inRunProcess && WorkerThreadName.TryParse(threadName, out int named)) worker = named;
        else return null;
        if (worker >= 0 && worker < _workers.Count && _workers[worker].Worker == worker) state = _workers[worker];
        return worker;
    }
}
