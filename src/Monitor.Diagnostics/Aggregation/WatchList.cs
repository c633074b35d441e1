using Monitor.Model;
using Monitor.Runners;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// The processes the aggregator reads each interval, each with its role: Monitor itself, attached processes, and the
/// followed run's processes with the children they made. Not thread-safe: the aggregator locks, except around
/// <see cref="FoundIn"/>, which reads the process tree and none of the list.
/// </summary>
internal sealed class WatchList(Func<int, IReadOnlyList<int>>? descendantsOf)
{
    private readonly List<WatchedProcess> _processes = new();

    public IReadOnlyList<WatchedProcess> Processes => _processes;

    /// <summary>Watches <paramref name="pid"/> unless it is watched already (then it keeps the role it has).</summary>
    public void Watch(int pid, ProcessRole role)
    {
        if (!Contains(pid)) _processes.Add(new WatchedProcess(pid, role));
    }

    /// <summary>Watches <paramref name="run"/>'s processes in place of the previous run's (and their children);
    /// Monitor and attached processes stay. Returns the pids no longer watched.</summary>
    public IReadOnlySet<int> Follow(IObservedRun run)
    {
        var dropped = _processes.Where(w => w.Role == ProcessRole.Worker).Select(w => w.Pid).ToHashSet();
        _processes.RemoveAll(w => w.Role == ProcessRole.Worker);
        foreach (var p in run.Processes) Watch(p.Pid, ProcessRole.Worker);
        dropped.ExceptWith(_processes.Select(w => w.Pid));
        return dropped;
    }

    /// <summary>What <paramref name="run"/>'s processes made themselves (Python's multiprocessing workers are
    /// children of the interpreter Monitor started): their descendants while it runs, and every process that sent a
    /// usage line, which is how one that ended before it was found still counts. Watch them as the run's
    /// (<see cref="ProcessRole.Worker"/>).</summary>
    public List<int> FoundIn(IObservedRun run)
    {
        var found = new List<int>();
        foreach (var p in run.Processes)
        {
            if (descendantsOf is not null && !run.IsCompleted) found.AddRange(descendantsOf(p.Pid));
            foreach (var usage in p.Usage) found.Add(usage.Pid);
        }
        return found;
    }

    public bool Contains(int pid) => Find(pid) is not null;

    /// <summary>Stops watching <paramref name="pid"/>.</summary>
    public void Unwatch(int pid) => _processes.RemoveAll(w => w.Pid == pid);

    public WatchedProcess? Find(int pid)
    {
        foreach (var w in _processes)
        {
            if (w.Pid == pid) return w;
        }
        return null;
    }

    public WatchedProcess[] ToArray() => _processes.ToArray();

    public int[] PidsOf(ProcessRole role) => _processes.Where(w => w.Role == role).Select(w => w.Pid).ToArray();
}
