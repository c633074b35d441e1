using Monitor.Model;
namespace Monitor.Tests.Tui;

/// <summary>
/// Terminal.Gui rewrites every dirty row, so a panel whose text did not change must not be marked dirty. Moving or
/// resizing any view makes Terminal.Gui 2.5.0 clear the whole screen on the next iteration, so frames must only be
/// set when the layout really changes.
/// </summary>
public class RedrawTests
{
    [Fact]
    public void A_snapshot_redraws_the_panels_it_changes_and_no_others()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1000, workers: 1));
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(1));
        dashboard.Settle();
        var view = dashboard.Monitor.Dashboard;
        int results = view.Panel("Results").DrawCount, keys = view.KeyBar.DrawCount, threads = view.Panel("Threads").DrawCount;

        var busier = CannedSnapshots.Gil(2) with { Threads = [.. CannedSnapshots.Gil(2).Threads.Select(t => t with { CpuPercent = 90 })] };
        dashboard.Controller.RaiseSnapshot(busier);
        Assert.False(dashboard.App.ClearScreenNextIteration, "same layout, yet a full-screen clear was requested");
        dashboard.Draw();

        Assert.Equal(threads + 1, view.Panel("Threads").DrawCount);
        Assert.Equal(results, view.Panel("Results").DrawCount);
        Assert.Equal(keys, view.KeyBar.DrawCount);
    }

    [Fact]
    public void An_identical_snapshot_redraws_nothing()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        var snapshot = CannedSnapshots.Gil(3);
        dashboard.Controller.RaiseSnapshot(snapshot);
        dashboard.Settle();
        var counts = dashboard.Monitor.Dashboard.Panels.Select(p => p.DrawCount).ToList();

        dashboard.Monitor.Dashboard.Panel("Threads").Refresh();
        dashboard.Draw();

        Assert.Equal(counts, dashboard.Monitor.Dashboard.Panels.Select(p => p.DrawCount).ToList());
    }

    [Fact]
    public void Capture_renders_text_without_a_terminal()
    {
        var lines = Monitor.Tui.ScreenCapture.Render(80, 24, [CannedSnapshots.Gil()], [CannedSnapshots.Summary("gil", 1900)],
            new(RunMode.Gil, 4, 40_000_000_000, WorkKind.Cpu), new() { LogicalCpus = 2 });

        Assert.Equal(24, lines.Count);
        Assert.Contains(lines, l => l.Contains("gil-worker-0"));
        Assert.Contains(lines, l => l.StartsWith("gil ") && l.EndsWith("yes"));
    }
}
