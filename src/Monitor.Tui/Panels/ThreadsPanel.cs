using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>One row per thread: CPU as a number, a bar and a minute of history, beside the work it got done.</summary>
public static class ThreadsPanel
{
    private sealed record Widths(int Pid, int Tid, int Name, int Cpu, int Bar, bool SplitUserSys, int Wait, int Blocked, int Iterations);

    private static readonly Widths Narrow = new(6, 6, 15, 5, 5, false, 4, 5, 6);
    private static readonly Widths Wide = new(7, 7, 16, 6, 16, true, 6, 7, 7);

    /// <summary>The panel's key: one row for the runtime's threads of each process, or a row per thread.</summary>
    public static void ToggleRuntimeThreads(DashboardState state) => state.RuntimeThreadsExpanded = !state.RuntimeThreadsExpanded;

    public static int RowCount(DashboardState state) =>
        state.Latest is null ? 1 : Math.Max(1, Rows(state, Glyphs.Ascii).Count);

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var w = width >= 110 ? Wide : Narrow;
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
        header.Right("WAIT%", w.Wait + 1).Gap().Right("BLK/s", w.Blocked).Gap().Right("ITER/s", w.Iterations).Gap();
        int sparkWidth = Math.Min(header.Remaining, 60);
        header.Left(sparkWidth >= 14 ? "CPU, last 60 s" : "CPU 60 s", sparkWidth);

        if (state.Latest is null)
        {
            return new PanelContent([header.Build(Tone.Heading)], [StyledLine.Plain("waiting for the first sample...", Tone.Dim)]);
        }

        var body = new List<StyledLine>();
        foreach (var row in Rows(state, glyphs))
        {
            Tone nameTone = row.IsWorker ? Tone.Heading : row.IsRuntimeSummary || row.IsIndented ? Tone.Dim : Tone.Normal;
            var line = new LineBuilder(width)
                .Right(row.Pid.ToString(), w.Pid, Tone.Dim).Gap()
                .Right(row.Tid?.ToString() ?? "", w.Tid, Tone.Dim).Gap()
                .Left(row.Name, w.Name, nameTone).Gap()
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
            line.Right(Units.Fixed(row.CpuWaitPercent, 0), w.Wait + 1, row.CpuWaitPercent >= 20 ? Tone.Warn : Tone.Normal).Gap()
                .Right(Units.Count(row.BlockedPerSec), w.Blocked).Gap()
                .Right(row.IterationsPerSec is { } ips ? Units.Count(ips) : "", w.Iterations, Tone.Accent).Gap()
                .Add(Sparkline.Render(state.ThreadCpu(row.Pid, row.HistoryTid), state.Now, 100, state.Interval,
                    Math.Min(line.Remaining, 60), glyphs), row.IsWorker ? Tone.Good : Tone.Dim);
            body.Add(line.Build());
        }
        return new PanelContent([header.Build(Tone.Heading)], body);
    }

    private static IReadOnlyList<ThreadRow> Rows(DashboardState state, Glyphs glyphs) =>
        ThreadRow.Order(state.Latest?.Threads ?? [], state.RuntimeThreadsExpanded, glyphs);
}
