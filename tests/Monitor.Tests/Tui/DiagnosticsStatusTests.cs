namespace Monitor.Tests.Tui;

/// <summary>
/// A process whose runtime events stopped (its EventPipe session failed while it ran on) is said on the screen, from
/// the snapshot alone: in the header, which every size shows, and on the process's line of the memory panel.
/// </summary>
public class DiagnosticsStatusTests
{
    private static HeadlessDashboard Showing(int width, int height, params Monitor.Model.Snapshot[] snapshots)
    {
        var dashboard = new HeadlessDashboard(width, height);
        foreach (var snapshot in snapshots) dashboard.Controller.RaiseSnapshot(snapshot);
        dashboard.Settle();
        return dashboard;
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 50)]
    public void The_header_says_which_process_stopped_sending_runtime_events(int width, int height)
    {
        using var dashboard = Showing(width, height, CannedSnapshots.Gil(11), CannedSnapshots.GilWithEventsStopped(12));

        Assert.Contains($"pid {CannedSnapshots.GilPid}: runtime events stopped", dashboard.Lines[1]);
        // The rest of the header and the panels are still drawn from the snapshot.
        Assert.Contains("2 logical CPUs", dashboard.Lines[1]);
        Assert.Contains("gil", dashboard.Lines[0]);
        Assert.Contains("gil-worker-0", dashboard.Screen);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 50)]
    public void The_memory_panel_marks_the_process_whose_runtime_events_stopped(int width, int height)
    {
        using var dashboard = Showing(width, height, CannedSnapshots.GilWithEventsStopped());

        string line = dashboard.Lines.First(l => l.Contains($"{CannedSnapshots.GilPid} monitor worker"));
        Assert.Matches($@"{CannedSnapshots.GilPid} monitor worker\s+runtime events stopped  WS ", line);
    }

    [Fact]
    public void The_status_goes_when_a_later_snapshot_no_longer_carries_it()
    {
        using var dashboard = Showing(120, 35, CannedSnapshots.GilWithEventsStopped(11));
        Assert.Contains("runtime events stopped", dashboard.Screen);

        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(12));
        dashboard.Settle();

        Assert.DoesNotContain("runtime events stopped", dashboard.Screen);
        Assert.Contains("CPU % per core (100 = one core)", dashboard.Lines[1]);
    }

    [Fact]
    public void An_exited_process_is_not_reported_as_a_watching_problem()
    {
        using var dashboard = Showing(120, 35, CannedSnapshots.GilWithEventsStopped(12, exited: true));

        Assert.DoesNotContain("runtime events stopped", dashboard.Screen);
        Assert.Contains("exited", dashboard.Screen);
    }

    [Theory]
    [InlineData(20, 6)]
    [InlineData(60, 16)]
    [InlineData(80, 24)]
    public void Small_terminals_draw_the_status_without_failing(int width, int height)
    {
        using var dashboard = Showing(width, height, CannedSnapshots.GilWithEventsStopped());

        Assert.All(dashboard.Lines, l => Assert.True(l.Length <= width, $"line wider than {width}: {l}"));
    }
}
