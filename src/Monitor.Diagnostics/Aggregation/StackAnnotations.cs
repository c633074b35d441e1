using Monitor.Diagnostics.Sources.Stacks;
using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Joins the latest burst of stack samples of each process to a snapshot: each thread's most frequent stack, the
/// process's hot methods weighted by the CPU the operating system says each thread used in the snapshot's interval,
/// and the wait site and owner stack of each contended lock. A burst older than <see cref="StaleAfterPeriods"/>
/// periods is not shown (its process stopped answering). Not thread-safe (the aggregator locks).
/// </summary>
internal sealed class StackAnnotations
{
    public const double StaleAfterPeriods = 2.5;
    public const string DiagnosticsThreadName = ".NET EventPipe";

    private readonly Dictionary<int, StackBurst> _latest = new();
    private readonly Dictionary<int, string> _failures = new();
    private readonly Queue<(double T, double Seconds, double CostPercent)> _cost = new();
    private StackSampling? _settings;

    public void Configure(bool enabled, TimeSpan burst, TimeSpan period)
    {
        _settings = new StackSampling(enabled, burst.TotalSeconds, period.TotalSeconds, null, 0, null, null);
        if (!enabled) _latest.Clear();
    }

    public void Took(StackBurst burst)
    {
        _latest[burst.Pid] = burst;
        _failures.Remove(burst.Pid);
    }

    public void Failed(int pid, string why) => _failures[pid] = why;

    public void Forget(int pid)
    {
        _latest.Remove(pid);
        _failures.Remove(pid);
    }

    public Snapshot Annotate(Snapshot snapshot, long now, long frequency)
    {
        if (_settings is not { } settings) return snapshot;
        double costPercent = CostOver(snapshot, settings.PeriodSeconds);
        if (!settings.Enabled) return snapshot with { Stacks = settings with { CostPercent = costPercent } };

        var fresh = _latest.Values
            .Where(b => (now - b.EndedAt) / (double)frequency <= settings.PeriodSeconds * StaleAfterPeriods)
            .ToDictionary(b => b.Pid);
        double? age = fresh.Count == 0 ? null : fresh.Values.Min(b => (now - b.EndedAt) / (double)frequency);
        string? status = _failures.Count > 0 ? string.Join("; ", _failures.Values)
            : fresh.Count == 0 ? "waiting for the first burst of samples"
            : null;
        var stacks = settings with { AgeSeconds = age, Samples = fresh.Values.Sum(b => b.Samples), CostPercent = costPercent, Status = status };
        if (fresh.Count == 0) return snapshot with { Stacks = stacks };

        var threads = snapshot.Threads.Select(t => WithStack(t, fresh.GetValueOrDefault(t.Pid))).ToArray();
        var hot = snapshot.Processes
            .Where(p => fresh.ContainsKey(p.Pid))
            .SelectMany(p => HotMethodRanking.Rank(p.Pid, fresh[p.Pid], snapshot.Threads.Where(t => t.Pid == p.Pid).ToDictionary(t => t.Tid, t => t.CpuPercent)))
            .ToArray();
        var locks = snapshot.Contention.Locks.Select(l => WithSite(l, fresh.GetValueOrDefault(l.Pid))).ToArray();
        return snapshot with
        {
            Threads = threads,
            Contention = snapshot.Contention with { Locks = locks },
            HotMethods = hot,
            Stacks = stacks,
        };
    }

    private static ThreadSample WithStack(ThreadSample thread, StackBurst? burst)
    {
        if (burst is null || !burst.Threads.TryGetValue(thread.Tid, out var stacks) || stacks.TopStacks.Count == 0) return thread;
        var top = stacks.TopStacks[0];
        return thread with { Stack = top.Frames, StackPercent = 100.0 * top.Count / Math.Max(1, stacks.Samples) };
    }

    private static LockSample WithSite(LockSample sample, StackBurst? burst) =>
        burst is not null && burst.Locks.TryGetValue(sample.LockId, out var site)
            ? sample with { WaitSite = site.WaitSite, OwnerStack = site.OwnerStack }
            : sample;

    /// <summary>The CPU the watched processes' own diagnostics threads used, per core, averaged over the last
    /// <paramref name="periodSeconds"/> of snapshots (bursts come and go within a period).</summary>
    private double CostOver(Snapshot snapshot, double periodSeconds)
    {
        double now = snapshot.Threads.Where(t => t.Name == DiagnosticsThreadName && t.Role != ThreadRole.Worker).Sum(t => t.CpuPercent);
        _cost.Enqueue((snapshot.T, snapshot.IntervalSeconds, now));
        while (_cost.Count > 1 && snapshot.T - _cost.Peek().T >= periodSeconds) _cost.Dequeue();
        double seconds = _cost.Sum(c => c.Seconds);
        return seconds > 0 ? _cost.Sum(c => c.CostPercent * c.Seconds) / seconds : 0;
    }
}
