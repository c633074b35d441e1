using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// While stacks are sampled (s, attach --stacks): the stack of the thread under the Threads panel's cursor on the
/// first line, then the methods the CPU went to, like py-spy top: self and total share of their process's CPU, hottest
/// first (x: by total); Enter unfolds the callers of the method under the cursor. The title says how the stacks are
/// taken and what they cost the target.
/// </summary>
public static class HotMethodsPanel
{
    private const int Percent = 6;
    private const int Pid = 7;

    public static IReadOnlyList<PanelKey> Keys { get; } =
    [
        new('x', null, "hot methods: sort by self or total time (Enter: callers of the one under the cursor)",
            s => s.HotMethods.ByTotal = !s.HotMethods.ByTotal),
    ];

    public static bool Shown(DashboardState state) => state.IsWatching && state.Latest?.Stacks is not null;

    public static int RowCount(DashboardState state) => 1 + Math.Max(1, Rows(state).Count);

    public static void Choose(DashboardState state)
    {
        var view = state.HotMethods;
        view.Unfolded = view.Unfolded == view.Cursor ? null : view.Cursor;
    }

    public static void MoveCursor(DashboardState state, int rows)
    {
        var methods = state.HotMethods.Ordered(state.Latest);
        if (methods.Count == 0) return;
        int at = IndexOf(methods, state.HotMethods.Cursor);
        int to = at >= 0 ? (int)Math.Clamp((long)at + rows, 0, methods.Count - 1) : rows == int.MaxValue ? methods.Count - 1 : 0;
        state.HotMethods.Cursor = (methods[to].Pid, methods[to].Method);
    }

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var snapshot = state.Latest;
        var stacks = snapshot?.Stacks;
        var header = new LineBuilder(width).Right("SELF%", Percent).Gap().Right("TOTAL%", Percent).Gap();
        bool pids = (snapshot?.Processes.Count(p => p.Role == ProcessRole.External) ?? 0) > 1;
        if (pids) header.Right("PID", Pid).Gap();
        header.Left("METHOD", header.Remaining);
        var body = new List<StyledLine> { SelectedStack(state, width, glyphs) };
        int? cursorRow = null;
        foreach (var row in Rows(state))
        {
            if (row.Caller is { } caller)
            {
                body.Add(new LineBuilder(width).Right("", Percent).Gap().Right(Units.Percent(caller.Percent), Percent, Tone.Dim).Gap()
                    .Add($"{glyphs.CalledFrom} called by ", Tone.Dim).Add(MethodText.Tail(caller.Method, width - Percent * 2 - 14)).Build());
                continue;
            }
            var m = row.Method!;
            bool atCursor = state.HotMethods.Cursor == (m.Pid, m.Method);
            if (atCursor) cursorRow = body.Count;
            var line = new LineBuilder(width)
                .Right(Units.Percent(m.SelfPercent), Percent, state.HotMethods.ByTotal ? Tone.Normal : Tone.Warn).Gap()
                .Right(Units.Percent(m.TotalPercent), Percent, state.HotMethods.ByTotal ? Tone.Warn : Tone.Normal).Gap();
            if (pids) line.Right(m.Pid.ToString(), Pid, Tone.Dim).Gap();
            line.Add(MethodText.Tail(m.Method, line.Remaining), Tone.Heading);
            body.Add(atCursor ? line.Add(new string(' ', line.Remaining)).Build(Tone.Selected) : line.Build());
        }
        if (body.Count == 1)
        {
            body.Add(StyledLine.Plain(stacks is { Enabled: false } ? "stacks are off: s samples them" : stacks?.Status ?? "no managed code ran in the last burst", Tone.Dim));
        }
        return new PanelContent([header.Build(Tone.Heading)], body) { Note = Note(stacks), CursorRow = cursorRow };
    }

    private sealed record Row(HotMethod? Method, MethodShare? Caller);

    private static List<Row> Rows(DashboardState state)
    {
        var rows = new List<Row>();
        foreach (var m in state.HotMethods.Ordered(state.Latest))
        {
            rows.Add(new Row(m, null));
            if (state.HotMethods.Unfolded == (m.Pid, m.Method))
            {
                foreach (var caller in m.Callers ?? []) rows.Add(new Row(null, caller));
            }
        }
        return rows;
    }

    /// <summary>"convoy-1 (tid 4411), 57 % of its samples: Enter_Slowpath ← Enter ← TakeTheGate ← Loop".</summary>
    private static StyledLine SelectedStack(DashboardState state, int width, Glyphs glyphs)
    {
        var line = new LineBuilder(width);
        if (state.SelectedThread is not { } selected
            || state.Latest?.Threads.FirstOrDefault(t => t.Pid == selected.Pid && t.Tid == selected.Tid) is not { } thread)
        {
            return line.Add("the Threads panel's cursor (Tab, arrows) shows a thread's stack here", Tone.Dim).Build();
        }
        if (thread.Stack is not { Count: > 0 } stack)
        {
            return line.Add($"{thread.Name} ({thread.Tid}): no managed stack in the last burst", Tone.Dim).Build();
        }
        line.Add($"{thread.Name} ({thread.Tid})", Tone.Accent).Add($" {Units.Fixed(thread.StackPercent ?? 0, 0)}%: ", Tone.Dim);
        line.Add(string.Join($" {glyphs.CalledFrom} ", stack.Select(MethodText.Short)));
        return line.Build();
    }

    private static string Note(StackSampling? stacks)
    {
        if (stacks is null) return "";
        if (!stacks.Enabled) return "off (s)";
        string note = $"{stacks.BurstSeconds:0.#} s every {stacks.PeriodSeconds:0.#} s";
        if (stacks.AgeSeconds is { } age) note += $"  {age:0.0} s old";
        if (stacks.CostPercent is { } cost) note += $"  cost {cost:0.0}% CPU";
        return note;
    }

    private static int IndexOf(IReadOnlyList<HotMethod> methods, (int Pid, string Method)? key)
    {
        if (key is not { } k) return -1;
        for (int i = 0; i < methods.Count; i++)
        {
            if (methods[i].Pid == k.Pid && methods[i].Method == k.Method) return i;
        }
        return -1;
    }
}
