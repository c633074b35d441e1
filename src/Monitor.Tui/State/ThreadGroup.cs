using Monitor.Model;

namespace Monitor.Tui.State;

/// <summary>Which threads fold into one row: the runtime's own of a process, or its threads of one name.</summary>
public readonly record struct ThreadGroupKey(int Pid, string Name, bool Runtime);

/// <summary>
/// Threads of one process folded into one row, their figures added up: the runtime's own threads (finalizer, tiered
/// compilation, EventPipe...), or two or more threads of the same name, as a pool's workers are (".NET TP Worker").
/// Monitor's worker threads never fold: each is a figure of the run.
/// </summary>
public sealed record ThreadGroup(
    ThreadGroupKey Key,
    IReadOnlyList<ThreadSample> Members,
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double? CpuWaitPercent,
    double? BlockedPerSec,
    double? SwitchesPerSec)
{
    /// <summary>The groups of these threads, and the threads that stay on their own.</summary>
    public static (IReadOnlyList<ThreadGroup> Groups, IReadOnlyList<ThreadSample> Single) Partition(IEnumerable<ThreadSample> threads)
    {
        var groups = new List<ThreadGroup>();
        var single = new List<ThreadSample>();
        foreach (var members in threads.GroupBy(KeyOf))
        {
            if (members.Key is { } key && (key.Runtime || members.Skip(1).Any()))
            {
                groups.Add(Of(key, [.. members]));
            }
            else
            {
                single.AddRange(members);
            }
        }
        return (groups, single);
    }

    private static ThreadGroupKey? KeyOf(ThreadSample t) => t.Role switch
    {
        ThreadRole.Runtime => new ThreadGroupKey(t.Pid, "runtime", true),
        // No name (a reader that cannot tell names) says nothing in common: such threads stay on their own.
        ThreadRole.Other when t.Name.Length > 0 => new ThreadGroupKey(t.Pid, t.Name, false),
        _ => null,
    };

    private static ThreadGroup Of(ThreadGroupKey key, IReadOnlyList<ThreadSample> members)
    {
        double cpu = 0, user = 0, system = 0;
        double? wait = null, blocked = null, switches = null;
        foreach (var t in members)
        {
            cpu += t.CpuPercent;
            user += t.UserPercent;
            system += t.SystemPercent;
            // The worst member's: a sum of waits could pass 100 % of the interval and mean nothing.
            if (t.CpuWaitPercent is { } w) wait = Math.Max(wait ?? 0, w);
            if (t.BlockedPerSec is { } b) blocked = (blocked ?? 0) + b;
            if (t.SwitchesPerSec is { } s) switches = (switches ?? 0) + s;
        }
        return new ThreadGroup(key, members, cpu, user, system, wait, blocked, switches);
    }
}
