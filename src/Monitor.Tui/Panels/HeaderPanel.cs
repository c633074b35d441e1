using Monitor.Tui.State;
using Monitor.Tui.Text;
using Monitor.Model;

namespace Monitor.Tui.Panels;

/// <summary>The two lines at the top: what runs and how far it is, then the machine, the recording, and what is wrong
/// with watching (a process whose runtime events stopped).</summary>
public static class HeaderPanel
{
    public const string CpuScaleNote = "CPU % per core (100 = one core)";

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs) =>
        PanelContent.Lines(RunLine(state, width, glyphs), MachineLine(state, width, glyphs));

    private static StyledLine RunLine(DashboardState state, int width, Glyphs glyphs)
    {
        var line = new LineBuilder(width);
        var workload = state.Latest?.Workload;
        if (state.IsRunning)
        {
            line.Add(" RUN ", Tone.Selected);
        }
        else if (workload is { Finished: true })
        {
            line.Add(" DONE ", Tone.Good);
        }
        else
        {
            line.Add(" IDLE ", Tone.Dim);
        }
        line.Gap();

        if (workload is null)
        {
            var next = state.Settings;
            line.Add(Describe(next.Mode, next.Workers, next.Work, next.N, glyphs, width >= 100), Tone.Heading);
            line.Add(state.CanRunWorkloads ? "  (space starts)" : "", Tone.Dim);
            return line.Build();
        }
        if (workload.Mode is null)
        {
            var watched = state.Latest!.Processes.Where(p => p.Role != Monitor.Model.ProcessRole.Monitor);
            line.Add("watching " + string.Join(", ", watched.Select(p => $"{p.Name} ({p.Pid})")), Tone.Heading);
            line.Add($"  {Units.Duration(workload.ElapsedSeconds * 1000)}");
            if (state.ExitedNote is { } exited)
            {
                line.Add("  ").Add(exited, Tone.Warn);
            }
            return line.Build();
        }

        line.Add(Describe(workload.Mode.Value, workload.Workers, workload.Work ?? WorkKind.Cpu, workload.N, glyphs, width >= 100), Tone.Heading);
        line.Add($"  {Units.Duration(workload.ElapsedSeconds * 1000)}  ");
        double progress = state.Latest!.Totals.Progress;
        string percent = $" {Units.Fixed(progress * 100, 0)}%";
        int barWidth = Math.Clamp(line.Remaining - percent.Length, 0, 30);
        if (barWidth >= 5)
        {
            line.Add(Bar.Render(progress, barWidth, glyphs), Tone.Good);
            line.Add(percent);
        }
        return line.Build();
    }

    private static StyledLine MachineLine(DashboardState state, int width, Glyphs glyphs)
    {
        var line = new LineBuilder(width);
        line.Gap();
        line.Add($"{state.LogicalCpus} logical CPUs", Tone.Accent);
        if (!state.IsWatching)
        {
            line.Add("  effective parallelism ");
            var totals = state.Latest?.Totals;
            line.Add(totals?.EffectiveParallelism is { } p ? Units.Fixed(p, 2) : "-", Tone.Accent);
            if (totals?.EffectiveParallelism is not null && totals.ParallelismUncertain is { } why)
            {
                // Before anything else on the line: a figure the machine rather than the mode made must not pass as one.
                line.Add("?", Tone.Warn).Add("  ").Add($"{why}: figure uncertain", Tone.Warn);
            }
        }
        if (DiagnosticsProblem(state) is { } problem)
        {
            // More urgent than the scale note: part of what the panels show has stopped updating.
            if (state.RecordingStatus is { } recordingToo) line.Add("  ").Add($"{glyphs.Recording} {recordingToo}", Tone.Bad);
            line.Add("  ").Add($"pid {problem.Pid}: {problem.DiagnosticsStatus}", Tone.Bad);
            return line.Build();
        }
        line.Add("  ");
        line.Add(CpuScaleNote, Tone.Dim);
        if (state.RecordingStatus is { } recording)
        {
            line.Add("  ");
            line.Add($"{glyphs.Recording} {recording}", Tone.Bad);
        }
        else if (width >= 120 && state.CanRunWorkloads && state.Latest?.Workload is { Mode: not null } running && IsDifferent(state, running))
        {
            var next = state.Settings;
            line.Add("  next: " + Describe(next.Mode, next.Workers, next.Work, next.N, glyphs), Tone.Dim);
        }
        return line.Build();
    }

    /// <summary>A running process whose watching broke (its snapshot says why), or null.</summary>
    public static Monitor.Model.ProcessSample? DiagnosticsProblem(DashboardState state) =>
        state.Latest?.Processes.FirstOrDefault(p => p.DiagnosticsStatus is not null && !p.Exited);

    private static bool IsDifferent(DashboardState state, Model.WorkloadInfo running) =>
        state.Settings.Mode != running.Mode || state.Settings.Workers != running.Workers
        || state.Settings.N != running.N || state.Settings.Work != (running.Work ?? WorkKind.Cpu);

    /// <summary>"gil ×4 cpu N=4e10" in narrow terminals, each value named where there is room.</summary>
    public static string Describe(RunMode mode, int workers, WorkKind work, long n, Glyphs glyphs, bool roomy = false) =>
        roomy
            ? $"mode {mode.Name()}  workers {workers}  work {work.Name()}  N {Units.N(n)}"
            : $"{mode.Name()} {glyphs.Times}{workers} {work.Name()} N={Units.N(n)}";
}
