using System.Globalization;
using Monitor.Model;
using Monitor.Tui.Input;

namespace Monitor.Tui.State;

/// <summary>
/// Everything the panels draw: the latest snapshot, a minute of history per thread, per folded group and for the
/// totals, the results of the session, the settings of the next run, and how the threads are looked at (sort, filter,
/// cursor, unfolded groups). Changed only on the UI thread.
/// </summary>
public sealed class DashboardState(WorkloadSettings settings, bool canRunWorkloads, int logicalCpus)
{
    private readonly Dictionary<(int Pid, int Tid), SeriesHistory> _threadCpu = [];
    private readonly Dictionary<ThreadGroupKey, SeriesHistory> _groupCpu = [];
    private readonly List<RunSummary> _results = [];
    private readonly Dictionary<string, (object Key, object Value)> _memos = [];

    public Snapshot? Latest { get; private set; }
    public WorkloadSettings Settings { get; set; } = settings;
    public bool CanRunWorkloads { get; } = canRunWorkloads;
    public int LogicalCpus { get; } = logicalCpus;
    public bool IsRunning { get; set; }
    public string? RecordingStatus { get; set; }
    public string Status { get; set; } = "";

    /// <summary>
    /// Watching processes Monitor did not start (attach, or the replay of an attach): nothing of the demo's workload
    /// (its keys, ITER/s, effective parallelism, the results) has anything to show.
    /// </summary>
    /// <summary>The hot-methods panel's order, cursor and unfolded callers.</summary>
    public HotMethodsView HotMethods { get; } = new();

    public bool IsWatching => !CanRunWorkloads && Latest?.Workload?.Mode is null && _results.Count == 0;

    /// <summary>When the snapshots said every watched process had exited; from then on the last state stays.</summary>
    public DateTimeOffset? ExitedAt { get; private set; }

    /// <summary>"exited at 10:42:07" (local time), or null while a watched process runs.</summary>
    public string? ExitedNote => ExitedAt is { } at ? "exited at " + at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : null;

    public ThreadSortKey SortKey { get; set; } = ThreadSortKey.Cpu;

    /// <summary>Against the column's own direction (<see cref="ThreadSortKeys.DescendsByDefault"/>).</summary>
    public bool SortReversed { get; set; }

    /// <summary>Threads whose name contains this (any case) are listed; empty: all.</summary>
    public string ThreadFilter { get; set; } = "";

    /// <summary>The text being typed into a panel, or null; it takes the keys first.</summary>
    public TextEntry? Editing { get; set; }

    /// <summary>The threads panel's cursor: the row it stays on whatever the order.</summary>
    public ThreadRowKey? Cursor { get; set; }

    /// <summary>The thread under the cursor (none on a folded group), for panels that show one thread's detail.</summary>
    public (int Pid, int Tid)? SelectedThread => Cursor is { Tid: { } tid } cursor ? (cursor.Pid, tid) : null;

    /// <summary>The groups shown unfolded, their members listed under them.</summary>
    public HashSet<ThreadGroupKey> ExpandedGroups { get; } = [];

    /// <summary>Whether the controller can watch other processes (attach): p opens the picker.</summary>
    public bool CanPickTargets { get; init; }

    /// <summary>The process picker (p), while attached.</summary>
    public TargetPicker Picker { get; } = new();

    /// <summary>The keys, for the key bar and the help.</summary>
    public required KeyMap Keys { get; init; }

    public IReadOnlyList<RunSummary> Results => _results;
    public SeriesHistory ContentionPerSec { get; } = new();
    public SeriesHistory WorkingSetBytes { get; } = new();
    public RuntimeHistories Runtime { get; } = new();

    public double Now => Latest?.T ?? 0;
    public double Interval => Latest?.IntervalSeconds is > 0 and var i ? i : 1;

    /// <summary>
    /// What <paramref name="make"/> gives, made again only when <paramref name="key"/> differs from the one it was
    /// last made for under <paramref name="name"/>: a panel needs its rows several times per refresh (to count them,
    /// to draw them, to move a cursor through them).
    /// </summary>
    public T Memo<T>(string name, object key, Func<T> make) where T : class
    {
        if (_memos.TryGetValue(name, out var memo) && memo.Key.Equals(key))
        {
            return (T)memo.Value;
        }
        var value = make();
        _memos[name] = (key, value);
        return value;
    }

    public SeriesHistory? ThreadCpu(int pid, int tid) => _threadCpu.GetValueOrDefault((pid, tid));

    public SeriesHistory? GroupCpu(ThreadGroupKey group) => _groupCpu.GetValueOrDefault(group);

    public void Apply(Snapshot snapshot)
    {
        bool exited = AllWatchedExited(snapshot);
        if (ExitedAt is not null && exited)
        {
            // Later snapshots of processes that are gone bring nothing new, and would empty the threads panel.
            return;
        }
        // Alive again: a replay stepped back to before the exit.
        ExitedAt = null;
        if (Latest is not null && exited)
        {
            ExitedAt = snapshot.Time;
            // The threads as last seen, beside the processes' end; the clock stops at the exit.
            Latest = Latest with { Processes = snapshot.Processes, Workload = snapshot.Workload ?? Latest.Workload };
            return;
        }
        Latest = snapshot;
        double t = snapshot.T;
        foreach (var thread in snapshot.Threads)
        {
            History(_threadCpu, (thread.Pid, thread.Tid)).Add(t, thread.CpuPercent);
        }
        foreach (var group in ThreadGroup.Partition(snapshot.Threads).Groups)
        {
            History(_groupCpu, group.Key).Add(t, group.CpuPercent);
        }
        double interval = snapshot.IntervalSeconds > 0 ? snapshot.IntervalSeconds : 1;
        ContentionPerSec.Add(t, snapshot.Contention.Count / interval);
        WorkingSetBytes.Add(t, snapshot.Totals.WorkingSetBytes);
        Runtime.Apply(snapshot);

        Forget(_threadCpu, t);
        Forget(_groupCpu, t);
    }

    public void AddResult(RunSummary summary) => _results.Add(summary);

    /// <summary>The most recent single-thread run of the same work, N and runtime: the baseline a speed-up is measured
    /// against (none for a single run: it is the baseline).</summary>
    public RunSummary? BaselineFor(RunSummary run) => SpeedUp.BaselineFor(_results, run);

    private static bool AllWatchedExited(Snapshot snapshot)
    {
        bool any = false;
        foreach (var process in snapshot.Processes)
        {
            if (process.Role != ProcessRole.External) continue;
            if (!process.Exited) return false;
            any = true;
        }
        return any;
    }

    private static SeriesHistory History<TKey>(Dictionary<TKey, SeriesHistory> histories, TKey key) where TKey : notnull
    {
        if (!histories.TryGetValue(key, out var history))
        {
            histories[key] = history = new SeriesHistory();
        }
        return history;
    }

    private static void Forget<TKey>(Dictionary<TKey, SeriesHistory> histories, double t) where TKey : notnull
    {
        foreach (var gone in histories.Where(kv => kv.Value.LastT < t - SeriesHistory.WindowSeconds).Select(kv => kv.Key).ToList())
        {
            histories.Remove(gone);
        }
    }
}
