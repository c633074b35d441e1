using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>What each attached process's runtime says of itself, as dotnet-counters shows it, with a minute of
/// history: the thread pool (threads, queue, work done, starvation), GC pause and allocation, exceptions and JIT, then
/// the heap per generation. Only while watching processes Monitor did not start: its own workers do not run the
/// runtime's counters.</summary>
public static class RuntimePanel
{
    private const int LinesPerProcess = 3;

    public static int RowCount(DashboardState state) => Math.Max(1, Watched(state).Count * LinesPerProcess);

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var processes = Watched(state);
        if (processes.Count == 0)
        {
            return PanelContent.Lines(StyledLine.Plain(state.Latest is null ? "no data yet" : "no runtime figures yet", Tone.Dim));
        }
        int spark = width >= 120 ? 16 : 6;
        var lines = new List<StyledLine>();
        foreach (var process in processes)
        {
            var r = process.Runtime!;
            var history = state.Runtime.Of(process.Pid);
            string pid = processes.Count > 1 ? $"{process.Pid} " : "";
            lines.Add(ThreadPoolLine(r, history, state, pid, width, spark, glyphs));
            lines.Add(CollectorLine(r, history, state, new string(' ', pid.Length), width, spark, glyphs));
            lines.Add(HeapLine(r, new string(' ', pid.Length), width));
        }
        return PanelContent.Lines([.. lines]);
    }

    private static IReadOnlyList<ProcessSample> Watched(DashboardState state) =>
        state.Latest?.Processes.Where(p => p.Runtime is not null).OrderBy(p => p.Pid).ToArray() ?? [];

    private static StyledLine ThreadPoolLine(RuntimeSample r, RuntimeSeries? h, DashboardState state, string pid, int width, int spark, Glyphs glyphs)
    {
        var line = new LineBuilder(width).Add(pid, Tone.Heading).Add("pool ", Tone.Heading)
            .Add(Known(r.ThreadPoolThreads), Tone.Accent).Add(" threads ", Tone.Dim)
            .Add(Spark(h?.ThreadPoolThreads, state, spark, glyphs), Tone.Accent)
            .Add("  queue ", Tone.Dim).Add(Known(r.ThreadPoolQueueLength), r.ThreadPoolQueueLength > 0 ? Tone.Warn : Tone.Normal).Add(" ")
            .Add(Spark(h?.ThreadPoolQueueLength, state, spark, glyphs), Tone.Warn)
            .Add("  done ", Tone.Dim).Add(Rate(r.ThreadPoolCompletedPerSec));
        if (r.StarvationAdjustments is { } starved)
        {
            line.Add("  starved ", Tone.Dim).Add(starved.ToString(), starved > 0 ? Tone.Bad : Tone.Normal);
        }
        return line.Build();
    }

    private static StyledLine CollectorLine(RuntimeSample r, RuntimeSeries? h, DashboardState state, string indent, int width, int spark, Glyphs glyphs) =>
        new LineBuilder(width).Add(indent).Add("GC pause ", Tone.Dim)
            .Add(r.GcPausePercent is { } pause ? Units.Percent(pause) + "%" : "-", r.GcPausePercent >= 10 ? Tone.Warn : Tone.Normal).Add(" ")
            .Add(Spark(h?.GcPausePercent, state, spark, glyphs, floor: 1), Tone.Accent)
            .Add("  alloc ", Tone.Dim).Add(r.AllocBytesPerSec is { } alloc ? Units.Bytes(alloc) + "/s" : "-").Add(" ")
            .Add(Spark(h?.AllocBytesPerSec, state, spark, glyphs), Tone.Accent)
            .Add("  exceptions ", Tone.Dim).Add(Rate(r.ExceptionsPerSec)).Add(" ")
            .Add(Spark(h?.ExceptionsPerSec, state, spark, glyphs, floor: 1), Tone.Accent)
            .Add("  JIT ", Tone.Dim).Add(Rate(r.MethodsJittedPerSec))
            .Build();

    private static StyledLine HeapLine(RuntimeSample r, string indent, int width) =>
        new LineBuilder(width).Add(indent).Add("heap ", Tone.Dim)
            .Add("gen0 ", Tone.Dim).Add(Size(r.Gen0Bytes)).Add("  gen1 ", Tone.Dim).Add(Size(r.Gen1Bytes))
            .Add("  gen2 ", Tone.Dim).Add(Size(r.Gen2Bytes)).Add("  LOH ", Tone.Dim).Add(Size(r.LohBytes))
            .Add("  POH ", Tone.Dim).Add(Size(r.PohBytes))
            .Build();

    private static string Spark(SeriesHistory? history, DashboardState state, int width, Glyphs glyphs, double floor = 0)
    {
        double max = Math.Max(floor, history is { Samples.Count: > 0 } h ? h.Samples.Max(s => s.Value) : 0);
        return Sparkline.Render(history, state.Now, max, state.Interval, width, glyphs);
    }

    private static string Known(long? value) => value?.ToString() ?? "-";

    private static string Rate(double? perSec) => perSec is { } v ? Units.Count(v) + "/s" : "-";

    private static string Size(long? bytes) => bytes is { } b ? Units.Bytes(b) : "-";
}
