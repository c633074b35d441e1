namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Who started whom, from the system process table. Windows keeps the pid of a process's creator even after the
/// creator has ended, and reuses pids: the pid may by now name another, younger process. So a link counts only when
/// the parent it names started no later than the child; a "parent" younger than its child is a stranger with a
/// reused pid.
/// </summary>
internal sealed class ProcessLinks
{
    private readonly Dictionary<int, long> _createTimes = new();
    private readonly Dictionary<int, int> _parents = new();
    private readonly Dictionary<int, List<int>> _children = new();

    /// <param name="processes">Each process's pid, creator's pid and create time (any clock, as long as it is one).</param>
    public ProcessLinks(IEnumerable<(int Pid, int ParentPid, long CreateTime)> processes)
    {
        var list = processes.ToList();
        foreach (var (pid, _, createTime) in list) _createTimes.TryAdd(pid, createTime);
        foreach (var (pid, parent, createTime) in list)
        {
            if (pid == parent || !_createTimes.TryGetValue(parent, out long parentCreated) || parentCreated > createTime) continue;
            if (!_parents.TryAdd(pid, parent)) continue;
            if (!_children.TryGetValue(parent, out var children)) _children[parent] = children = new List<int>();
            children.Add(pid);
        }
    }

    public static ProcessLinks Of(ReadOnlySpan<byte> table) =>
        new(SystemProcessTable.All(table).Select(e => (e.ProcessId, e.ParentProcessId, e.CreateTime)));

    /// <summary>The living parent of <paramref name="pid"/>; null when it has none (ended, or its pid reused).</summary>
    public int? ParentOf(int pid) => _parents.TryGetValue(pid, out int parent) ? parent : null;

    /// <summary>Every descendant of <paramref name="root"/>, breadth first (parents before their children).</summary>
    public IReadOnlyList<int> Descendants(int root)
    {
        var found = new List<int>();
        if (!_createTimes.ContainsKey(root)) return found;
        var seen = new HashSet<int> { root };
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out int parent))
        {
            if (!_children.TryGetValue(parent, out var children)) continue;
            foreach (int child in children)
            {
                if (!seen.Add(child)) continue;
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>Whether one of <paramref name="ancestors"/> is above <paramref name="pid"/>.</summary>
    public bool IsDescendantOf(int pid, IReadOnlySet<int> ancestors)
    {
        var seen = new HashSet<int> { pid };
        for (int p = pid; ParentOf(p) is int parent && seen.Add(parent); p = parent)
        {
            if (ancestors.Contains(parent)) return true;
        }
        return false;
    }
}
