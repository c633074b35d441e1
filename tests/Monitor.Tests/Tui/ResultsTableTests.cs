using Monitor.Model;

namespace Monitor.Tests.Tui;

public class ResultsTableTests
{
    [Fact]
    public void Each_finished_run_adds_a_row_with_speedup_over_the_single_thread_run()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 600));
        dashboard.Draw();
        Assert.Matches(@"1 threads\s+cpu .* 600 ms\s+1\.90", dashboard.Screen);

        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1200, workers: 1));
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("gil", 2400));
        dashboard.Draw();

        var rows = dashboard.Lines.Where(l => l.EndsWith("yes")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("2.00x", rows[0]);
        Assert.DoesNotContain("x ", rows[1]); // the single run is the baseline: it compares with nothing
        Assert.Contains("0.50x", rows[2]);
    }

    [Fact]
    public void Speedup_is_blank_without_a_single_run_of_the_same_work_and_n()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1000, workers: 1, n: 10_000_000_000));
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 600));
        dashboard.Draw();

        var row = dashboard.Lines.Single(l => l.StartsWith("threads"));
        Assert.DoesNotContain("x ", row);
    }

    [Fact]
    public void Newest_rows_stay_visible_when_the_table_overflows()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        for (int i = 1; i <= 12; i++)
        {
            dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 100 * i));
        }
        dashboard.Draw();

        Assert.Contains("1.20 s", dashboard.Screen);
        Assert.Contains("of 12", dashboard.Lines.Single(l => l.Contains("Results")));
    }

    private static string Row(HeadlessDashboard dashboard, int number) =>
        dashboard.Lines.Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\s+{number} (single|threads|processes|gil) "));

    [Fact]
    public void A_speedup_once_shown_does_not_change_when_a_later_single_run_finishes()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1200, workers: 1));
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 600, workers: 2));
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1800, workers: 1));
        dashboard.Draw();

        Assert.Contains("2.00x", Row(dashboard, 2));
    }

    [Fact]
    public void A_speedup_above_what_k_workers_can_give_is_marked_and_says_why()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1200, workers: 1));
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 400, workers: 2));
        dashboard.Draw();

        Assert.Contains("3.00x?", Row(dashboard, 2));
        Assert.Contains("speed-up 3.00× is more than 2 worker(s) can give", dashboard.Screen);
    }

    [Fact]
    public void Speedup_leaves_out_each_runs_start_up()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        // A cold single run: 1200 ms of which 200 ms starting; threads: 600 ms of which 100 ms starting.
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("single", 1200, workers: 1) with { StartupMs = 200 });
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 600, workers: 2) with { StartupMs = 100 });
        dashboard.Draw();

        Assert.Contains("2.00x", Row(dashboard, 2));
    }

    [Fact]
    public void A_run_the_user_replaced_reads_stopped_not_fail()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 300) with { Correct = false, Failure = "stopped", Outcome = RunOutcome.Stopped });
        dashboard.Draw();

        Assert.EndsWith("stopped", Row(dashboard, 1));
        Assert.DoesNotContain("FAIL", dashboard.Screen);
    }

    [Fact]
    public void A_failed_run_says_why()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("processes", 900) with { Correct = false, Failure = "worker 2 exited with 137" });
        dashboard.Draw();

        Assert.Contains("FAILED: worker 2 exited with 137", dashboard.Screen);
    }
}
