using System.Globalization;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>
/// Attached to a process Monitor did not start, the demo's figures and keys have nothing to show and are left out;
/// running workloads (or replaying a run) they all stay. When the target exits, its last state stays on screen.
/// </summary>
public class WatchModeTests
{
    private static HeadlessDashboard Dashboard(int width, int height, bool canRunWorkloads, Monitor.Model.Snapshot snapshot) =>
        HeadlessDashboard.Showing(snapshot, width, height, canRunWorkloads);

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Attached_the_demos_columns_panels_and_keys_are_hidden(int width, int height)
    {
        using var dashboard = Dashboard(width, height, canRunWorkloads: false, CannedSnapshots.Service());

        Assert.DoesNotContain("ITER/s", dashboard.Screen);
        Assert.DoesNotContain("effective parallelism", dashboard.Screen);
        Assert.DoesNotContain("Results", dashboard.Screen);
        string bar = dashboard.Lines[^1];
        foreach (string demo in new[] { "1-4 mode", "+/- K", "]/[ N", "i io", "spc run", "c cmp" })
        {
            Assert.DoesNotContain(demo, bar);
        }
        Assert.StartsWith("r rec s stacks e expand u sort / filter tab panel ? help q quit", bar);
        Assert.Contains("watching service (7700)", dashboard.Lines[0]);

        dashboard.Press(Key.F1);
        Assert.DoesNotContain("run single", dashboard.Screen);
        Assert.DoesNotContain("compare", dashboard.Screen);
        Assert.Contains("sort threads by CPU%", dashboard.Screen);
        Assert.Contains("filter threads by name", dashboard.Screen);
    }

    [Fact]
    public void Attached_the_threads_take_the_rows_the_results_had()
    {
        using var attached = Dashboard(80, 24, canRunWorkloads: false, CannedSnapshots.Service());
        using var running = Dashboard(80, 24, canRunWorkloads: true, CannedSnapshots.Service());

        int Rows(HeadlessDashboard d) => d.Monitor.Dashboard.Panel("Threads").Frame.Height;
        Assert.True(Rows(attached) > Rows(running), $"{Rows(attached)} rows attached, {Rows(running)} running");
        Assert.Contains("q quit", attached.Lines[^1]);
    }

    [Fact]
    public void Attached_tab_skips_the_hidden_results()
    {
        using var dashboard = Dashboard(80, 24, canRunWorkloads: false, CannedSnapshots.Service());

        // Threads, contention, memory, runtime: the hidden results (and hot methods, without stacks) have no tab stop.
        for (int i = 0; i < 4; i++) dashboard.Press(Key.Tab);

        Assert.True(dashboard.Monitor.Dashboard.Panel("Threads").Selected);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Running_workloads_the_demo_stays(int width, int height)
    {
        using var dashboard = Dashboard(width, height, canRunWorkloads: true, CannedSnapshots.Gil());

        Assert.Contains("ITER/s", dashboard.Screen);
        Assert.Contains("effective parallelism 1.02", dashboard.Screen);
        Assert.Contains("─ Results ─", dashboard.Screen);
        Assert.StartsWith("1-4 mode +/- K ]/[ N i io spc run c cmp r rec", dashboard.Lines[^1]);
        dashboard.Press(Key.F1);
        Assert.Contains("run single, threads, processes or gil", dashboard.Screen);
    }

    /// <summary>A replay of a run cannot start one, yet its figures are the demo's: they stay.</summary>
    [Fact]
    public void Replaying_a_run_keeps_its_figures_and_results()
    {
        using var dashboard = Dashboard(120, 35, canRunWorkloads: false, CannedSnapshots.Gil());

        Assert.Contains("ITER/s", dashboard.Screen);
        Assert.Contains("effective parallelism 1.02", dashboard.Screen);
        Assert.Contains("─ Results ─", dashboard.Screen);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void When_the_target_exits_its_last_threads_stay_marked_exited_and_the_clock_stops(int width, int height)
    {
        using var dashboard = Dashboard(width, height, canRunWorkloads: false, CannedSnapshots.Service(5));
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Service(6));
        dashboard.Draw();
        Assert.DoesNotContain("exited", dashboard.Screen);

        var exited = CannedSnapshots.Service(7, exited: true);
        dashboard.Controller.RaiseSnapshot(exited);
        dashboard.Draw();
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Service(9, exited: true));
        dashboard.Draw();

        string at = "exited at " + exited.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Contains("7.00 s", dashboard.Lines[0]);
        Assert.Contains(at, dashboard.Lines[0]);
        Assert.Contains(at, dashboard.Lines.Single(l => l.Contains("─ Threads ─")));
        Assert.Contains("hot-loop", dashboard.Screen);
        Assert.Contains("×12 ▸ .NET TP", dashboard.Screen);
        if (width >= 120)
        {
            // The memory line's end, cut off at 80 columns.
            Assert.Contains("exited", dashboard.Lines.Single(l => l.Contains("external")));
        }
    }

    /// <summary>A replay stepped back from after the exit to before it shows the process running again.</summary>
    [Fact]
    public void A_snapshot_of_the_target_alive_again_ends_the_exited_state()
    {
        using var dashboard = Dashboard(120, 35, canRunWorkloads: false, CannedSnapshots.Service(5));
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Service(7, exited: true));
        dashboard.Draw();
        Assert.Contains("exited at", dashboard.Lines[0]);

        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Service(6));
        dashboard.Draw();

        Assert.DoesNotContain("exited at", dashboard.Screen);
        Assert.Contains("6.00 s", dashboard.Lines[0]);
    }

    /// <summary>Monitor's own workers end with every run: the dashboard goes on for the next one.</summary>
    [Fact]
    public void A_run_whose_workers_exit_does_not_freeze_the_dashboard()
    {
        using var dashboard = Dashboard(120, 35, canRunWorkloads: true, CannedSnapshots.Gil(1));
        var ended = CannedSnapshots.Gil(2);
        dashboard.Controller.RaiseSnapshot(ended with { Processes = [.. ended.Processes.Select(p => p with { Exited = true })], Threads = [] });
        dashboard.Draw();
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(3));
        dashboard.Draw();

        Assert.DoesNotContain("exited at", dashboard.Screen);
        Assert.Contains("3.00 s", dashboard.Lines[0]);
        Assert.Null(dashboard.Monitor.State.ExitedAt);
    }
}
