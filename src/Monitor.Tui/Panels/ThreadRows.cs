using Monitor.Tui.State;

namespace Monitor.Tui.Panels;

/// <summary>
/// The threads panel's rows, as top lists them: the threads whose name matches the filter, same-named ones folded
/// into a group, sorted by the chosen column (ties by pid, then tid, so equal rows keep still); an unfolded group's
/// members follow it, sorted alike.
/// </summary>
public static class ThreadRows
{
    /// <summary>Everything the rows are made from; equal sources, equal rows.</summary>
    public sealed record Source(object? Snapshot, ThreadSortKey SortKey, bool Reversed, string Filter, string Expanded);

    public static Source SourceOf(DashboardState state) => new(
        state.Latest, state.SortKey, state.SortReversed, state.ThreadFilter,
        string.Join('\n', state.ExpandedGroups.Select(g => $"{g.Pid} {g.Runtime} {g.Name}").Order(StringComparer.Ordinal)));

    public static IReadOnlyList<ThreadRow> Of(DashboardState state) => state.Memo(nameof(ThreadRows), SourceOf(state), () => Make(state));

    private static IReadOnlyList<ThreadRow> Make(DashboardState state)
    {
        var threads = state.Latest?.Threads ?? [];
        if (state.ThreadFilter.Length > 0)
        {
            threads = [.. threads.Where(t => t.Name.Contains(state.ThreadFilter, StringComparison.OrdinalIgnoreCase))];
        }
        var (groups, single) = ThreadGroup.Partition(threads);
        var order = Comparer(state.SortKey, state.SortKey.DescendsByDefault() != state.SortReversed);

        var top = new List<(ThreadRow Row, ThreadGroup? Group)>(single.Count + groups.Count);
        top.AddRange(single.Select(t => (ThreadRow.Of(t, null), (ThreadGroup?)null)));
        top.AddRange(groups.Select(g => (ThreadRow.Of(g), (ThreadGroup?)g)));
        top.Sort((a, b) => order.Compare(a.Row, b.Row));

        var rows = new List<ThreadRow>(threads.Count + groups.Count);
        foreach (var (row, group) in top)
        {
            rows.Add(row);
            if (group is not null && state.ExpandedGroups.Contains(group.Key))
            {
                var members = group.Members.Select(t => ThreadRow.Of(t, group.Key)).ToList();
                members.Sort(order);
                rows.AddRange(members);
            }
        }
        return rows;
    }

    public static int IndexOf(IReadOnlyList<ThreadRow> rows, ThreadRowKey key)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Key == key) return i;
        }
        return -1;
    }

    private static Comparer<ThreadRow> Comparer(ThreadSortKey key, bool descending)
    {
        Comparison<ThreadRow> primary = key switch
        {
            ThreadSortKey.Cpu => (a, b) => a.CpuPercent.CompareTo(b.CpuPercent),
            ThreadSortKey.Wait => (a, b) => Nullable.Compare(a.CpuWaitPercent, b.CpuWaitPercent),
            ThreadSortKey.Blocked => (a, b) => Nullable.Compare(a.SwitchesShown, b.SwitchesShown),
            ThreadSortKey.Name => (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
            _ => (a, b) => a.FirstTid.CompareTo(b.FirstTid),
        };
        return Comparer<ThreadRow>.Create((a, b) =>
        {
            int c = primary(a, b);
            if (c != 0) return descending ? -c : c;
            c = a.Pid.CompareTo(b.Pid);
            return c != 0 ? c : a.FirstTid.CompareTo(b.FirstTid);
        });
    }
}
