using Monitor.Tui.Input;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// One row per thread or folded group (<see cref="ThreadRows"/>): CPU as a number, a bar and a minute of history,
/// waiting and blocking, and the work it got done (only while Monitor runs the work). The title rule says the order,
/// the filter and, once the watched processes are gone, when they exited.
/// </summary>
public static class ThreadsPanel
{
    private sealed record Widths(int Pid, int Tid, int Name, int Cpu, int Bar, bool SplitUserSys, int Wait, int Blocked, int Iterations);

    private static readonly Widths Narrow = new(6, 6, 15, 5, 5, false, 4, 5, 6);
    private static readonly Widths Wide = new(7, 7, 16, 6, 16, true, 6, 7, 7);

    /// <summary>The panel's keys: sort, reverse, filter, fold.</summary>
    public static IReadOnlyList<PanelKey> Keys { get; } =
    [
        new('e', "expand", "fold or unfold the cursor's thread group, or all groups", ToggleGroups),
        new('u', "sort", "sort threads by CPU%, WAIT%, BLK/s, name, TID; again: reverse", s => SortBy(s, ThreadSortKey.Cpu)) { HelpKeys = "u w b n t" },
        new('w', null, null, s => SortBy(s, ThreadSortKey.Wait)),
        new('b', null, null, s => SortBy(s, ThreadSortKey.Blocked)),
        new('n', null, null, s => SortBy(s, ThreadSortKey.Name)),
        new('t', null, null, s => SortBy(s, ThreadSortKey.Tid)),
        new('v', null, "reverse the threads' order", s => s.SortReversed = !s.SortReversed),
        new('/', "filter", "filter threads by name (Enter keeps, Esc clears)", OpenFilter),
    ];

    public static void SortBy(DashboardState state, ThreadSortKey key)
    {
        state.SortReversed = state.SortKey == key && !state.SortReversed;
        state.SortKey = key;
    }

    public static void OpenFilter(DashboardState state)
    {
        state.Editing = new TextEntry(state.ThreadFilter, text => state.ThreadFilter = text);
        state.Status = "filter threads by name: type it; Enter keeps it, Esc clears it";
    }

    /// <summary>Folds or unfolds the group under the cursor (a member's too, the cursor going to its group's row);
    /// without one, folds every group if any is open, else opens them all.</summary>
    public static void ToggleGroups(DashboardState state)
    {
        var rows = ThreadRows.Of(state);
        int at = state.Cursor is { } cursor ? ThreadRows.IndexOf(rows, cursor) : -1;
        if (at >= 0 && rows[at].Group is { } group)
        {
            if (state.ExpandedGroups.Remove(group))
            {
                state.Cursor = ThreadRowKey.Folded(group);
            }
            else
            {
                state.ExpandedGroups.Add(group);
            }
            return;
        }
        if (state.ExpandedGroups.Count > 0)
        {
            state.ExpandedGroups.Clear();
            return;
        }
        foreach (var folded in ThreadGroup.Partition(state.Latest?.Threads ?? []).Groups)
        {
            state.ExpandedGroups.Add(folded.Key);
        }
    }

    /// <summary>The cursor down (or up) by rows, within the list; the first move puts it on the first row (End: the last).</summary>
    public static void MoveCursor(DashboardState state, int rows)
    {
        var all = ThreadRows.Of(state);
        if (all.Count == 0) return;
        int at = state.Cursor is { } cursor ? ThreadRows.IndexOf(all, cursor) : -1;
        int to = at >= 0 ? (int)Math.Clamp((long)at + rows, 0, all.Count - 1) : rows == int.MaxValue ? all.Count - 1 : 0;
        state.Cursor = all[to].Key;
    }

    public static int RowCount(DashboardState state) =>
        state.Latest is null ? 1 : Math.Max(1, ThreadRows.Of(state).Count);

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var w = width >= 110 ? Wide : Narrow;
        bool iterations = !state.IsWatching;
        var header = new LineBuilder(width)
            .Right("PID", w.Pid).Gap().Right("TID", w.Tid).Gap().Left("NAME", w.Name).Gap()
            .Right("CPU%", w.Cpu).Gap().Left("", w.Bar).Gap();
        if (w.SplitUserSys)
        {
            header.Right("USR%", 5).Gap().Right("SYS%", 5).Gap();
        }
        else
        {
            header.Right("USR/SY", 6).Gap();
        }
        header.Right("WAIT%", w.Wait + 1).Gap().Right(ThreadReaderNote.CountsAllSwitches(state.Latest) ? "CSW/s" : "BLK/s", w.Blocked).Gap();
        if (iterations)
        {
            header.Right("ITER/s", w.Iterations).Gap();
        }
        int sparkWidth = Math.Min(header.Remaining, 60);
        header.Left(sparkWidth >= 14 ? "CPU, last 60 s" : "CPU 60 s", sparkWidth);

        if (state.Latest is null)
        {
            return new PanelContent([header.Build(Tone.Heading)], [StyledLine.Plain("waiting for the first sample...", Tone.Dim)]) { Note = Note(state, glyphs) };
        }

        var rows = ThreadRows.Of(state);
        int cursor = state.Cursor is { } key ? ThreadRows.IndexOf(rows, key) : -1;
        var body = new LinesOnDemand(rows.Count, i => Line(state, rows[i], i == cursor, w, iterations, width, glyphs));
        return new PanelContent([header.Build(Tone.Heading)], body)
        {
            Note = Note(state, glyphs),
            CursorRow = cursor >= 0 ? cursor : null,
            BodySource = (ThreadRows.SourceOf(state), cursor, iterations, width, glyphs),
        };
    }

    private static StyledLine Line(DashboardState state, ThreadRow row, bool atCursor, Widths w, bool iterations, int width, Glyphs glyphs)
    {
        Tone nameTone = row.IsWorker ? Tone.Heading : row.IsGroup || row.IsMember ? Tone.Dim : Tone.Normal;
        string name = row.IsGroup ? $"{(state.ExpandedGroups.Contains(row.Group!.Value) ? glyphs.Expanded : glyphs.Collapsed)} {row.Name}" : row.Name;
        string tid = row.IsGroup ? $"{glyphs.Times}{row.Count}" : row.Key.Tid.ToString()!;
        var line = new LineBuilder(width)
            .Right(row.Pid.ToString(), w.Pid, Tone.Dim).Gap()
            .Right(tid, w.Tid, Tone.Dim).Gap()
            .Left(name.Length > 0 ? name : NotCounted, w.Name, name.Length > 0 ? nameTone : Tone.Dim).Gap()
            .Right(Units.Percent(row.CpuPercent), w.Cpu).Gap()
            .Add(Bar.Render(row.CpuPercent / 100, w.Bar, glyphs), row.IsWorker ? Tone.Good : Tone.Dim).Gap();
        if (w.SplitUserSys)
        {
            line.Right(Units.Fixed(row.UserPercent, 0), 5).Gap().Right(Units.Fixed(row.SystemPercent, 0), 5).Gap();
        }
        else
        {
            line.Right($"{Units.Fixed(row.UserPercent, 0)}/{Units.Fixed(row.SystemPercent, 0)}", 6).Gap();
        }
        line.Right(row.CpuWaitPercent is { } wait ? Units.Fixed(wait, 0) : NotCounted, w.Wait + 1,
                row.CpuWaitPercent is null ? Tone.Dim : row.CpuWaitPercent >= 20 ? Tone.Warn : Tone.Normal).Gap()
            .Right(row.SwitchesShown is { } switches ? Units.Count(switches) : NotCounted, w.Blocked, row.SwitchesShown is null ? Tone.Dim : Tone.Normal).Gap();
        if (iterations)
        {
            line.Right(row.IterationsPerSec is { } ips ? Units.Count(ips) : "", w.Iterations, Tone.Accent).Gap();
        }
        var history = row.IsGroup ? state.GroupCpu(row.Group!.Value) : state.ThreadCpu(row.Pid, row.Key.Tid!.Value);
        line.Add(Sparkline.Render(history, state.Now, 100, state.Interval, Math.Min(line.Remaining, 60), glyphs),
            row.IsWorker ? Tone.Good : Tone.Dim);
        if (!atCursor)
        {
            return line.Build();
        }
        // The whole width in one tone, so the cursor reads as a bar across the panel.
        line.Add(new string(' ', line.Remaining));
        return line.Build(Tone.Selected);
    }

    /// <summary>What a cell shows for a figure this system's thread reader does not count (not a zero).</summary>
    public const string NotCounted = "n/a";

    /// <summary>"sort CPU% ↓  filter: pool_  exited at 10:42:07": what the rows are and are not.</summary>
    private static string Note(DashboardState state, Glyphs glyphs)
    {
        bool descending = state.SortKey.DescendsByDefault() != state.SortReversed;
        string note = $"sort {state.SortKey.Word()} {(descending ? glyphs.Descending : glyphs.Ascending)}";
        if (state.Editing is not null || state.ThreadFilter.Length > 0)
        {
            note += $"  filter: {state.ThreadFilter}{(state.Editing is not null ? "_" : "")}";
        }
        if (ThreadReaderNote.Of(state.Latest) is { } reader) note += $"  {reader}";
        return state.ExitedNote is { } exited ? $"{note}  {exited}" : note;
    }
}
