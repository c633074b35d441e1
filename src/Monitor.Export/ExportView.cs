using System.Globalization;
using Monitor.Model;

namespace Monitor.Export;

/// <summary>
/// Turns each snapshot into the <see cref="ExportFrame"/> the instruments report, keeping what a counter needs across
/// snapshots. One caller at a time (the session's snapshot thread).
/// <list type="bullet">
/// <item>Threads of a process are grouped by name (the pool's `.NET TP Worker`s are one series). At most
/// <see cref="ExportSettings.ThreadSeriesPerProcess"/> names get a series of their own, chosen by CPU time since
/// watching began; the rest add up under thread.name="other". A name keeps its series once it has one; a busier name
/// takes the place of the least busy one only once it has used twice its CPU time (or that one has no thread left),
/// so series do not flap. A thread's CPU goes to the series its name has when it is used, so every series only grows
/// and all of them add up to the threads' CPU.</item>
/// <item>Locks likewise, at most <see cref="ExportSettings.LockSeriesPerProcess"/> per process by time waited; "other"
/// also holds contentions of locks the snapshot did not list (it lists the busiest), from the process's own count.</item>
/// <item>A series with no live thread is not reported; an exited process's series all end, and its state is dropped.</item>
/// </list>
/// CPU seconds come from the cumulative CPU times in the snapshot. Time waiting for a CPU and context switches are
/// given per interval, so they are added up over the time each snapshot adds (an interval folded into the one before
/// it at the end of a run is not counted twice).
/// </summary>
public sealed class ExportView(int threadSeriesPerProcess = ExportSettings.DefaultThreadSeries, int lockSeriesPerProcess = ExportSettings.DefaultLockSeries)
{
    /// <summary>A name that replaces a shown one must have used this many times its CPU (or wait) time.</summary>
    public const double ReplaceFactor = 2;

    private readonly Dictionary<int, ProcessState> _processes = new();
    private double? _lastT;

    public ExportFrame Frame { get; private set; } = ExportFrame.Empty;

    public ExportFrame Apply(Snapshot snapshot)
    {
        // The time this snapshot adds: its interval, or less when its interval reaches back before the last snapshot
        // (a folded interval, or a session whose readings were restarted).
        double span = snapshot.IntervalSeconds;
        bool folded = false;
        if (_lastT is { } last)
        {
            double added = Math.Max(0, snapshot.T - last);
            folded = snapshot.T - snapshot.IntervalSeconds < last - 1e-6;
            span = Math.Min(span, added);
        }
        _lastT = snapshot.T;

        var processes = new List<ProcessPoint>();
        var threads = new List<ThreadPoint>();
        var locks = new List<LockPoint>();
        var live = new HashSet<int>();
        var threadsByPid = snapshot.Threads.GroupBy(t => t.Pid).ToDictionary(g => g.Key, g => g.ToList());
        var locksByPid = snapshot.Contention.Locks.GroupBy(l => l.Pid).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in snapshot.Processes)
        {
            if (p.Exited) continue;
            live.Add(p.Pid);
            if (!_processes.TryGetValue(p.Pid, out var state))
            {
                state = new ProcessState();
                _processes[p.Pid] = state;
            }
            processes.Add(new ProcessPoint(
                p.Pid, p.Name, p.Role, p.CpuMs / 1000,
                p.UserMs / 1000, p.SystemMs / 1000,
                p.WorkingSetBytes, p.ThreadCount, p.GcCount, p.GcHeapBytes, p.ContentionCount, p.Runtime));
            if (threadsByPid.TryGetValue(p.Pid, out var own)) AddThreads(p, state, own, span, threads);
            AddLocks(p, state, locksByPid.GetValueOrDefault(p.Pid) ?? [], folded, locks);
        }
        foreach (int gone in _processes.Keys.Where(pid => !live.Contains(pid)).ToArray()) _processes.Remove(gone);

        WorkloadPoint? workload = null;
        if (snapshot.Workload is { Mode: { } mode } w)
        {
            workload = new WorkloadPoint(mode.Name(), (w.Work ?? WorkKind.Cpu).Name(), w.Runtime.Name(), w.Workers, w.Iterations,
                snapshot.Totals.Progress, snapshot.Totals.EffectiveParallelism);
        }
        Frame = new ExportFrame(processes, threads, locks, workload);
        return Frame;
    }

    private void AddThreads(ProcessSample process, ProcessState state, List<ThreadSample> samples, double span, List<ThreadPoint> output)
    {
        // Each thread's CPU since the last snapshot, by name.
        var byName = new Dictionary<string, List<(ThreadSample Thread, double CpuMs)>>(StringComparer.Ordinal);
        var seen = new HashSet<int>();
        foreach (var t in samples)
        {
            seen.Add(t.Tid);
            double before = state.ThreadCpuMs.TryGetValue(t.Tid, out double b) && b <= t.CpuMs ? b : 0;
            state.ThreadCpuMs[t.Tid] = t.CpuMs;
            double cpuMs = Math.Max(0, t.CpuMs - before);
            if (!byName.TryGetValue(t.Name, out var list)) byName[t.Name] = list = [];
            list.Add((t, cpuMs));
            state.NameCpuMs[t.Name] = state.NameCpuMs.GetValueOrDefault(t.Name) + cpuMs;
        }
        foreach (int tid in state.ThreadCpuMs.Keys.Where(tid => !seen.Contains(tid)).ToArray()) state.ThreadCpuMs.Remove(tid);

        Choose(state.ShownThreads, byName.Keys, state.NameCpuMs, threadSeriesPerProcess, replaceUnseen: true);
        // Names neither alive nor shown are forgotten: their CPU is in "other" already.
        foreach (string name in state.NameCpuMs.Keys.Where(n => !byName.ContainsKey(n) && !state.ShownThreads.Contains(n)).ToArray()) state.NameCpuMs.Remove(name);

        var liveSeries = new Dictionary<string, (int Threads, double Utilization)>(StringComparer.Ordinal);
        foreach (var (name, list) in byName)
        {
            string series = state.ShownThreads.Contains(name) ? name : Attributes.Other;
            if (!state.ThreadSeries.TryGetValue(series, out var acc)) state.ThreadSeries[series] = acc = new ThreadAccumulator();
            var (count, utilization) = liveSeries.GetValueOrDefault(series);
            foreach (var (t, cpuMs) in list)
            {
                acc.CpuMs += cpuMs;
                if (t.CpuWaitPercent is { } wait) acc.CpuWaitMs = (acc.CpuWaitMs ?? 0) + wait / 100 * span * 1000;
                if (t.BlockedPerSec is { } blocked) acc.Voluntary = (acc.Voluntary ?? 0) + blocked * span;
                if (t.PreemptedPerSec is { } preempted) acc.Involuntary = (acc.Involuntary ?? 0) + preempted * span;
                count++;
                utilization += t.CpuPercent / 100;
            }
            liveSeries[series] = (count, utilization);
        }
        foreach (string series in state.ThreadSeries.Keys.Where(s => s != Attributes.Other && !state.ShownThreads.Contains(s)).ToArray()) state.ThreadSeries.Remove(series);
        foreach (var (series, (count, utilization)) in liveSeries.OrderBy(s => s.Key == Attributes.Other).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            var acc = state.ThreadSeries[series];
            output.Add(new ThreadPoint(process.Pid, process.Name, series, count, acc.CpuMs / 1000, acc.CpuWaitMs / 1000, acc.Voluntary, acc.Involuntary, utilization));
        }
    }

    private void AddLocks(ProcessSample process, ProcessState state, List<LockSample> samples, bool folded, List<LockPoint> output)
    {
        // This snapshot's own contentions per lock: on a fold its figures include the interval before, already counted.
        var previous = state.LastLocks;
        state.LastLocks = samples.ToDictionary(l => l.LockId, l => (l.Waits, l.WaitMs));
        var added = new Dictionary<ulong, (long Waits, double WaitMs)>();
        foreach (var l in samples)
        {
            if (l.WaitSite is { } site) state.WaitSites.TryAdd(l.LockId, site);
            var (waits, waitMs) = (l.Waits, l.WaitMs);
            if (folded && previous.TryGetValue(l.LockId, out var counted)) (waits, waitMs) = (Math.Max(0, waits - counted.Waits), Math.Max(0, waitMs - counted.WaitMs));
            added[l.LockId] = (waits, waitMs);
            state.LockWaitMs[l.LockId] = state.LockWaitMs.GetValueOrDefault(l.LockId) + waitMs;
        }
        Choose(state.ShownLocks, added.Keys, state.LockWaitMs, lockSeriesPerProcess, replaceUnseen: false);
        foreach (ulong id in state.LockWaitMs.Keys.Where(id => !added.ContainsKey(id) && !state.ShownLocks.Contains(id)).ToArray()) state.LockWaitMs.Remove(id);

        long shownWaits = 0, listedWaits = 0;
        double shownMs = 0, listedMs = 0;
        foreach (var (id, (waits, waitMs)) in added)
        {
            listedWaits += waits;
            listedMs += waitMs;
            if (!state.ShownLocks.Contains(id)) continue;
            var acc = state.Locks.GetValueOrDefault(id);
            state.Locks[id] = (acc.Waits + waits, acc.WaitMs + waitMs);
            shownWaits += waits;
            shownMs += waitMs;
        }
        foreach (ulong id in state.Locks.Keys.Where(id => !state.ShownLocks.Contains(id)).ToArray()) state.Locks.Remove(id);
        foreach (ulong id in state.WaitSites.Keys.Where(id => !state.ShownLocks.Contains(id)).ToArray()) state.WaitSites.Remove(id);
        // "other": what the process's own count adds beyond the shown locks; without it, the listed locks not shown.
        long otherWaits;
        double otherMs;
        if (process.ContentionCount is { } count && process.ContentionWaitMs is { } totalMs)
        {
            otherWaits = Math.Max(0, count - state.LastContentions - shownWaits);
            otherMs = Math.Max(0, totalMs - state.LastContentionWaitMs - shownMs);
            state.LastContentions = count;
            state.LastContentionWaitMs = totalMs;
        }
        else
        {
            otherWaits = listedWaits - shownWaits;
            otherMs = listedMs - shownMs;
        }
        state.OtherLocks = (state.OtherLocks.Waits + otherWaits, state.OtherLocks.WaitMs + otherMs);

        foreach (var (id, (waits, waitMs)) in state.Locks.OrderByDescending(l => l.Value.WaitMs))
        {
            output.Add(new LockPoint(process.Pid, process.Name, "0x" + id.ToString("x", CultureInfo.InvariantCulture), waits, waitMs / 1000, state.WaitSites.GetValueOrDefault(id)));
        }
        if (state.OtherLocks.Waits > 0 || state.OtherLocks.WaitMs > 0)
        {
            output.Add(new LockPoint(process.Pid, process.Name, Attributes.Other, state.OtherLocks.Waits, state.OtherLocks.WaitMs / 1000));
        }
    }

    /// <summary>Updates the shown keys: candidates (seen now) join while there is room; beyond it a candidate replaces a
    /// shown key that was not seen now when <paramref name="replaceUnseen"/> (a name with no thread left), or the least
    /// one once it has <see cref="ReplaceFactor"/> times its total.</summary>
    private static void Choose<TKey>(HashSet<TKey> shown, IEnumerable<TKey> seen, Dictionary<TKey, double> totals, int cap, bool replaceUnseen) where TKey : notnull
    {
        if (cap < 1) return;
        var seenNow = seen.ToHashSet();
        foreach (var candidate in seenNow.Where(k => !shown.Contains(k)).OrderByDescending(k => totals.GetValueOrDefault(k)).ToArray())
        {
            if (shown.Count < cap)
            {
                shown.Add(candidate);
                continue;
            }
            if (replaceUnseen && shown.Where(k => !seenNow.Contains(k)).Take(1).ToArray() is [var unseen])
            {
                shown.Remove(unseen);
                shown.Add(candidate);
                continue;
            }
            double total = totals.GetValueOrDefault(candidate);
            var least = shown.MinBy(k => totals.GetValueOrDefault(k))!;
            if (total > 0 && total > ReplaceFactor * totals.GetValueOrDefault(least))
            {
                shown.Remove(least);
                shown.Add(candidate);
            }
        }
    }

    private sealed class ProcessState
    {
        public readonly Dictionary<int, double> ThreadCpuMs = new();
        public readonly Dictionary<string, double> NameCpuMs = new(StringComparer.Ordinal);
        public readonly HashSet<string> ShownThreads = new(StringComparer.Ordinal);
        public readonly Dictionary<string, ThreadAccumulator> ThreadSeries = new(StringComparer.Ordinal);
        public readonly Dictionary<ulong, double> LockWaitMs = new();
        public readonly HashSet<ulong> ShownLocks = new();
        public readonly Dictionary<ulong, string> WaitSites = new();
        public readonly Dictionary<ulong, (long Waits, double WaitMs)> Locks = new();
        public Dictionary<ulong, (long Waits, double WaitMs)> LastLocks = new();
        public (long Waits, double WaitMs) OtherLocks;
        public long LastContentions;
        public double LastContentionWaitMs;
    }

    private sealed class ThreadAccumulator
    {
        public double CpuMs;
        // Null until a thread that has the figure is counted: a reader without it exports no series rather than zeros.
        public double? CpuWaitMs;
        public double? Voluntary;
        public double? Involuntary;
    }
}
