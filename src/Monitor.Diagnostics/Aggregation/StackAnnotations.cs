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
    public const int TopMethodsPerProcess = 20;
    public const int TopCallers = 5;
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
            .SelectMany(p => HotMethodsOf(p, fresh[p.Pid], snapshot.Threads))
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

    /// <summary>Each thread lends its CPU of the interval to the methods its running samples found it in.</summary>
    private static IEnumerable<HotMethod> HotMethodsOf(ProcessSample process, StackBurst burst, IReadOnlyList<ThreadSample> threads)
    {
        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        var callers = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        double processCpu = 0;
        foreach (var thread in threads)
        {
            if (thread.Pid != process.Pid) continue;
            processCpu += thread.CpuPercent;
            if (!burst.Threads.TryGetValue(thread.Tid, out var stacks) || stacks.RunningSamples == 0 || thread.CpuPercent <= 0) continue;
            double perSample = thread.CpuPercent / stacks.RunningSamples;
            foreach (var (method, tally) in stacks.Methods)
            {
                self[method] = self.GetValueOrDefault(method) + tally.Self * perSample;
                total[method] = total.GetValueOrDefault(method) + tally.Total * perSample;
                if (!callers.TryGetValue(method, out var byCaller)) callers[method] = byCaller = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (caller, count) in tally.Callers) byCaller[caller] = byCaller.GetValueOrDefault(caller) + count * perSample;
            }
        }
        if (processCpu <= 0) yield break;
        var chosen = self.OrderByDescending(m => m.Value).Take(TopMethodsPerProcess).Select(m => m.Key)
            .Union(total.OrderByDescending(m => m.Value).Take(TopMethodsPerProcess).Select(m => m.Key))
            .OrderByDescending(m => self.GetValueOrDefault(m)).ThenByDescending(m => total[m]);
        foreach (var method in chosen)
        {
            double methodTotal = total[method];
            var top = callers[method].OrderByDescending(c => c.Value).Take(TopCallers)
                .Select(c => new MethodShare(c.Key, Math.Min(100, 100 * c.Value / methodTotal))).ToArray();
            yield return new HotMethod(
                process.Pid,
                method,
                Math.Min(100, 100 * self.GetValueOrDefault(method) / processCpu),
                Math.Min(100, 100 * methodTotal / processCpu),
                top.Length == 0 ? null : top);
        }
    }

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
