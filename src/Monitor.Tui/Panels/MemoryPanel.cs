using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>Working set and GC heap per process and in total; with several worker processes, what K runtimes cost.</summary>
public static class MemoryPanel
{
    public static int RowCount(DashboardState state) => 1 + (state.Latest?.Processes.Count ?? 0);

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var snapshot = state.Latest;
        if (snapshot is null)
        {
            return PanelContent.Lines(StyledLine.Plain("no data yet", Tone.Dim));
        }
        var workers = snapshot.Processes.Where(p => p.Role == ProcessRole.Worker && !p.Exited).ToList();
        var summary = new LineBuilder(width);
        if (workers.Count >= 2)
        {
            summary.Add(RuntimesCost(workers, glyphs), Tone.Warn).Add(" working set");
        }
        else
        {
            summary.Add("total ").Add(Units.Bytes(snapshot.Totals.WorkingSetBytes), Tone.Accent).Add(" working set");
        }
        summary.Add("  GC heap ").Add(Units.Bytes(snapshot.Totals.GcHeapBytes), Tone.Accent).Add("  ");
        double peak = Math.Max(1, state.WorkingSetBytes.Samples.Max(s => s.Value));
        summary.Add(Sparkline.Render(state.WorkingSetBytes, state.Now, peak, state.Interval,
            Math.Min(summary.Remaining, 60), glyphs), Tone.Accent);

        var lines = new List<StyledLine> { summary.Build() };
        foreach (var process in snapshot.Processes.OrderBy(p => p.Role).ThenBy(p => p.Pid))
        {
            lines.Add(ProcessLine(process, width));
        }
        return PanelContent.Lines([.. lines]);
    }

    /// <summary>"3 runtimes × 52 MB = 156 MB": the price of one runtime per worker process, made visible.</summary>
    public static string RuntimesCost(IReadOnlyList<ProcessSample> workers, Glyphs glyphs)
    {
        long total = workers.Sum(p => p.WorkingSetBytes);
        double averageMb = Math.Round(total / (double)workers.Count / (1 << 20));
        double totalMb = Math.Round(total / (double)(1 << 20));
        string approx = Math.Abs(averageMb * workers.Count - totalMb) < 0.5 ? "" : "~";
        return $"{workers.Count} runtimes {glyphs.Times} {approx}{Units.Fixed(averageMb, 0)} MB = {Units.WholeMegabytes(total)}";
    }

    /// <summary>"runtime events stopped" of "runtime events stopped: the event stream of process ...".</summary>
    public static string StatusHeadline(string status) => status.Split(':', 2)[0];

    private static StyledLine ProcessLine(ProcessSample process, int width)
    {
        Tone tone = process.Exited ? Tone.Dim : Tone.Normal;
        var line = new LineBuilder(width)
            .Add($"{process.Pid} {LineBuilder.Fit(process.Name, 12)} {process.Role.Name()}".PadRight(28), process.Exited ? Tone.Dim : Tone.Heading);
        if (process.DiagnosticsStatus is { } status && !process.Exited)
        {
            // Up front, where even a narrow panel shows it: the GC figures after it no longer move (the header says why).
            line.Add(StatusHeadline(status) + "  ", Tone.Bad);
        }
        line.Add("WS ", Tone.Dim).Add(Units.Bytes(process.WorkingSetBytes).PadLeft(8), tone)
            .Add("  peak ", Tone.Dim).Add(Units.Bytes(process.PeakWorkingSetBytes).PadLeft(8), tone);
        if (process.GcHeapBytes is { } heap)
        {
            line.Add("  GC heap ", Tone.Dim).Add(Units.Bytes(heap).PadLeft(8), tone);
        }
        if (process.GcCount is { } gcs)
        {
            line.Add("  GCs ", Tone.Dim).Add(gcs.ToString(), tone);
        }
        line.Add(process.Exited ? "  exited" : $"  {process.ThreadCount} threads", Tone.Dim);
        return line.Build();
    }
}
