using Monitor.Model;

namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>
/// A process's hot methods from one burst's running samples: each thread lends its CPU (<c>cpuByTid</c>: what the OS
/// says it used live, or its running samples offline) to the methods its running samples found it in, shared out
/// evenly over those samples. Percentages are of the CPU of the threads given.
/// </summary>
public static class HotMethodRanking
{
    public const int TopMethods = 20;
    public const int TopCallers = 5;

    public static IReadOnlyList<HotMethod> Rank(int pid, StackBurst burst, IReadOnlyDictionary<int, double> cpuByTid)
    {
        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        var callers = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        double processCpu = cpuByTid.Values.Where(c => c > 0).Sum();
        foreach (var (tid, cpu) in cpuByTid)
        {
            if (cpu <= 0 || !burst.Threads.TryGetValue(tid, out var stacks) || stacks.RunningSamples == 0) continue;
            double perSample = cpu / stacks.RunningSamples;
            foreach (var (method, tally) in stacks.Methods)
            {
                self[method] = self.GetValueOrDefault(method) + tally.Self * perSample;
                total[method] = total.GetValueOrDefault(method) + tally.Total * perSample;
                if (!callers.TryGetValue(method, out var byCaller)) callers[method] = byCaller = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (caller, count) in tally.Callers) byCaller[caller] = byCaller.GetValueOrDefault(caller) + count * perSample;
            }
        }
        if (processCpu <= 0 || total.Count == 0) return [];
        var chosen = self.OrderByDescending(m => m.Value).Take(TopMethods).Select(m => m.Key)
            .Union(total.OrderByDescending(m => m.Value).Take(TopMethods).Select(m => m.Key))
            .OrderByDescending(m => self.GetValueOrDefault(m)).ThenByDescending(m => total[m]).ThenBy(m => m, StringComparer.Ordinal);
        var ranked = new List<HotMethod>();
        foreach (var method in chosen)
        {
            double methodTotal = total[method];
            var top = callers[method].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopCallers)
                .Select(c => new MethodShare(c.Key, Math.Min(100, 100 * c.Value / methodTotal))).ToArray();
            ranked.Add(new HotMethod(
                pid,
                method,
                Math.Min(100, 100 * self.GetValueOrDefault(method) / processCpu),
                Math.Min(100, 100 * methodTotal / processCpu),
                top.Length == 0 ? null : top));
        }
        return ranked;
    }
}
