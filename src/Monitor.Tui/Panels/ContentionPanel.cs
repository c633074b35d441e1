using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>How often threads waited for a lock and for how long, and who held the busiest locks.</summary>
public static class ContentionPanel
{
    public static int RowCount(DashboardState state) => 1 + (state.Latest?.Contention.Locks.Count ?? 0);

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var snapshot = state.Latest;
        if (snapshot is null)
        {
            return PanelContent.Lines(StyledLine.Plain("no data yet", Tone.Dim));
        }
        var contention = snapshot.Contention;
        double perSec = contention.Count / state.Interval;
        double waitMsPerSec = contention.WaitMs / state.Interval;
        var summary = new LineBuilder(width);
        if (contention.Count == 0)
        {
            summary.Add("no lock contention", Tone.Dim);
        }
        else
        {
            summary.Add(Units.Count(perSec), Tone.Warn).Add(" contentions/s  ")
                .Add(Units.Fixed(waitMsPerSec, 1), Tone.Warn).Add(" ms waited/s");
        }
        summary.Add($"  total {Units.Count(snapshot.Totals.ContentionCount)}  ", Tone.Dim);
        double peak = Math.Max(1, state.ContentionPerSec.Samples.Max(s => s.Value));
        summary.Add(Sparkline.Render(state.ContentionPerSec, state.Now, peak, state.Interval,
            Math.Min(summary.Remaining, 60), glyphs), Tone.Warn);

        var lines = new List<StyledLine> { summary.Build() };
        foreach (var lockSample in contention.Locks.OrderByDescending(l => l.Waits).ThenByDescending(l => l.WaitMs))
        {
            lines.Add(LockLine(snapshot, lockSample, state.Interval, width));
        }
        return PanelContent.Lines([.. lines]);
    }

    private static StyledLine LockLine(Snapshot snapshot, LockSample lockSample, double interval, int width)
    {
        // With stacks a lock is named by where threads wait for it, and its owner by what it was running.
        var line = new LineBuilder(width)
            .Add(lockSample.WaitSite is { } site ? $"lock in {MethodText.Short(site)}" : $"lock {lockSample.LockId:x}", Tone.Accent)
            .Add($" pid {lockSample.Pid}  {Units.Count(lockSample.Waits / interval)}/s {Units.Fixed(lockSample.WaitMs / interval, 1)} ms/s  ")
            .Add("owner ", Tone.Dim)
            .Add(lockSample.OwnerTid is { } owner ? ThreadNames.Of(snapshot, lockSample.Pid, owner) : "?", Tone.Heading);
        if (lockSample.OwnerStack is [var running, ..])
        {
            line.Add(" in ", Tone.Dim).Add(MethodText.Short(running));
        }
        if (lockSample.WaiterTids.Count > 0)
        {
            line.Add("  waiters ", Tone.Dim)
                .Add(string.Join(", ", lockSample.WaiterTids.Select(tid => ThreadNames.Of(snapshot, lockSample.Pid, tid))));
        }
        return line.Build();
    }
}
