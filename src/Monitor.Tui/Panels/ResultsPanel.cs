using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>Every finished run of the session, with its speed-up over the single-thread run of the same work and N.</summary>
public static class ResultsPanel
{
    private sealed record Column(string Title, int Width, bool AlignRight, bool WideOnly, Func<DashboardState, int, RunSummary, string> Value);

    private static readonly Column[] Columns =
    [
        new("#", 3, true, true, (_, i, _) => (i + 1).ToString()),
        new("MODE", 9, false, false, (_, _, r) => r.Mode?.Name() ?? "?"),
        new("WORK", 4, false, false, (_, _, r) => r.Work.Name()),
        new("RUNTIME", 9, false, true, (_, _, r) => r.Runtime.Name()),
        new("K", 3, true, false, (_, _, r) => r.Workers.ToString()),
        new("N", 6, true, false, (_, _, r) => Units.N(r.N)),
        new("ELAPSED", 8, true, false, (_, _, r) => Units.Duration(r.ElapsedMs)),
        new("SPEEDUP", 7, true, false, (s, _, r) => SpeedUp(s, r)),
        new("EFF.PAR", 7, true, false, (_, _, r) => r.EffectiveParallelism is { } p ? Units.Fixed(p, 2) + (r.ParallelismUncertain is null ? "" : "?") : ""),
        new("CPU", 8, true, false, (_, _, r) => r.CpuMs is { } ms ? Units.Duration(ms) : ""),
        new("PEAK MEM", 8, true, false, (_, _, r) => r.PeakWorkingSetBytes is { } b ? Units.Bytes(b) : ""),
        new("CONT.", 6, true, false, (_, _, r) => r.ContentionCount is { } c ? Units.Count(c) : ""),
        new("WAIT", 8, true, true, (_, _, r) => r.ContentionWaitMs is { } ms ? Units.Duration(ms) : ""),
        new("GCS", 4, true, true, (_, _, r) => r.GcCount?.ToString() ?? ""),
    ];

    public static int RowCount(DashboardState state) => Math.Max(1, state.Results.Sum(r => NoteOf(state, r) is null ? 1 : 2));

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        bool wide = width >= 120;
        var columns = Columns.Where(c => wide || !c.WideOnly).ToList();
        var header = new LineBuilder(width);
        foreach (var column in columns)
        {
            Cell(header, column, column.Title);
        }
        header.Add("OK");
        if (state.Results.Count == 0)
        {
            return new PanelContent([header.Build(Tone.Heading)],
                [StyledLine.Plain("no finished runs yet: each run adds a row here", Tone.Dim)]);
        }

        var body = new List<StyledLine>();
        for (int i = 0; i < state.Results.Count; i++)
        {
            var run = state.Results[i];
            var line = new LineBuilder(width);
            foreach (var column in columns)
            {
                Cell(line, column, column.Value(state, i, run), column.Title == "SPEEDUP" ? Tone.Accent : Tone.Normal);
            }
            var (word, tone) = run.Outcome switch
            {
                RunOutcome.Completed => run.Correct ? ("yes", Tone.Good) : ("WRONG", Tone.Bad),
                RunOutcome.Stopped => ("stopped", Tone.Dim),
                RunOutcome.Interrupted => ("interrupted", Tone.Dim),
                _ => ("FAIL", Tone.Bad),
            };
            line.Add(word, tone);
            body.Add(line.Build());
            if (NoteOf(state, run) is { } note)
            {
                body.Add(new LineBuilder(width).Add("    " + note.Text, note.Tone).Build());
            }
        }
        return new PanelContent([header.Build(Tone.Heading)], body);
    }

    /// <summary>The line under a row: why it failed, or why a figure of it is marked "?".</summary>
    private static (string Text, Tone Tone)? NoteOf(DashboardState state, RunSummary run)
    {
        if (run.Outcome == RunOutcome.Failed && run.Failure is { } failure) return ("FAILED: " + failure, Tone.Bad);
        if (run.Outcome != RunOutcome.Completed) return null;
        var notes = new List<string>();
        if (SpeedUpOf(state, run)?.Uncertain is { } speedup) notes.Add("speed-up " + speedup);
        if (run.ParallelismUncertain is { } parallelism) notes.Add("EFF.PAR uncertain: " + parallelism);
        return notes.Count == 0 ? null : ("? " + string.Join("; ", notes), Tone.Dim);
    }

    private static SpeedUpFigure? SpeedUpOf(DashboardState state, RunSummary run) =>
        state.BaselineFor(run) is { } baseline ? Model.SpeedUp.Of(baseline, run) : null;

    /// <summary>The single-thread run's compute time over this run's, e.g. "1.93x", marked "?" above K (the line
    /// under the row says why); blank without a baseline, and for single runs (they are the baseline).</summary>
    public static string SpeedUp(DashboardState state, RunSummary run) =>
        SpeedUpOf(state, run) is { } s ? Units.Fixed(s.Value, 2) + "x" + (s.Uncertain is null ? "" : "?") : "";

    private static void Cell(LineBuilder line, Column column, string text, Tone tone = Tone.Normal)
    {
        if (column.AlignRight)
        {
            line.Right(text, column.Width, tone);
        }
        else
        {
            line.Left(text, column.Width, tone);
        }
        line.Gap();
    }
}
