namespace Monitor.Tests.Tui;

public class PanelRenderingTests
{
    private static HeadlessDashboard GilRun(int width, int height)
    {
        var dashboard = new HeadlessDashboard(width, height);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(11));
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(12));
        dashboard.Draw();
        return dashboard;
    }

    private static string LineWith(HeadlessDashboard dashboard, string text) =>
        dashboard.Lines.FirstOrDefault(l => l.Contains(text)) ?? throw new Xunit.Sdk.XunitException($"no line contains '{text}':\n{dashboard.Screen}");

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Header_shows_the_run_the_machine_and_the_cpu_scale(int width, int height)
    {
        using var dashboard = GilRun(width, height);

        Assert.Contains("gil", dashboard.Lines[0]);
        Assert.Contains("4e10", dashboard.Lines[0]);
        Assert.Contains("12.0 s", dashboard.Lines[0]);
        Assert.Contains("45%", dashboard.Lines[0]);
        Assert.Contains("2 logical CPUs", dashboard.Lines[1]);
        Assert.Contains("effective parallelism 1.02", dashboard.Lines[1]);
        Assert.Contains("CPU % per core (100 = one core)", dashboard.Lines[1]);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Threads_panel_lists_workers_first_with_cpu_and_iterations(int width, int height)
    {
        using var dashboard = GilRun(width, height);
        var lines = dashboard.Lines;

        int first = lines.ToList().FindIndex(l => l.Contains("gil-worker-0"));
        int monitor = lines.ToList().FindIndex(l => l.Contains(" monitor "));
        Assert.True(first > 0 && monitor > first, dashboard.Screen);
        Assert.Matches(@"4242\s+4301 gil-worker-0\s+48\.5 ", LineWith(dashboard, "gil-worker-0"));
        Assert.Contains("1.3G", LineWith(dashboard, "gil-worker-2"));
        Assert.Contains("×3 ▸ runtime", LineWith(dashboard, "runtime"));
        Assert.DoesNotContain(".NET Finalizer", dashboard.Screen);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void An_uncertain_effective_parallelism_says_why_before_anything_else_on_its_line(int width, int height)
    {
        using var dashboard = new HeadlessDashboard(width, height);
        var gil = CannedSnapshots.Gil();
        dashboard.Controller.RaiseSnapshot(gil with { Totals = gil.Totals with { ParallelismUncertain = "others used 80% of the CPUs" } });
        dashboard.Draw();

        Assert.Contains("effective parallelism 1.02?  others used 80% of the CPUs", dashboard.Lines[1]);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Contention_panel_shows_rates_and_the_lock_owner(int width, int height)
    {
        using var dashboard = GilRun(width, height);

        Assert.Contains("412 contentions/s  38.1 ms waited/s", dashboard.Screen);
        Assert.Contains("total 5.0k", dashboard.Screen); // the run's count so far, not the interval's
        Assert.Contains("owner gil-worker-0  waiters gil-worker-1", LineWith(dashboard, "lock 7f3a10"));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Memory_panel_shows_totals_and_each_process(int width, int height)
    {
        using var dashboard = GilRun(width, height);

        Assert.Contains("total 57.0 MB working set  GC heap 9.0 MB", dashboard.Screen);
        Assert.Contains("WS  57.0 MB", LineWith(dashboard, "4242 monitor worker"));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Processes_mode_makes_the_cost_of_k_runtimes_obvious(int width, int height)
    {
        using var dashboard = new HeadlessDashboard(width, height);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Processes());
        dashboard.Draw();

        Assert.Contains("3 runtimes × 52 MB = 156 MB working set", dashboard.Screen);
        Assert.Contains("worker-2", dashboard.Screen);
        Assert.Contains("no lock contention", dashboard.Screen);
    }

    /// <summary>At 80 columns the threads' sort and filter keys have no room: the help lists them.</summary>
    [Theory]
    [InlineData(80, 24, "1-4 mode +/- K ]/[ N i io spc run c cmp r rec e expand tab panel ? help q quit")]
    [InlineData(120, 35, "1-4 mode +/- K ]/[ N i io spc run c cmp r rec e expand u sort / filter tab panel ? help q quit")]
    public void Key_bar_stays_on_the_last_line(int width, int height, string keys)
    {
        using var dashboard = GilRun(width, height);

        Assert.StartsWith(keys, dashboard.Lines[^1]);
    }

    [Fact]
    public void Monochrome_and_ascii_render_the_same_text_without_block_characters()
    {
        using var dashboard = new HeadlessDashboard(80, 24, options: new() { Monochrome = true, Ascii = true, LogicalCpus = 2 });
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Draw();

        Assert.Contains("x3 > runtime", dashboard.Screen);
        Assert.DoesNotContain("█", dashboard.Screen);
        Assert.DoesNotContain("─", dashboard.Screen);
    }

    [Fact]
    public void Monochrome_uses_the_terminal_default_colors_everywhere()
    {
        using var dashboard = new HeadlessDashboard(80, 24, options: new() { Monochrome = true, LogicalCpus = 2 });
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Draw();

        var contents = dashboard.App.Driver!.Contents!;
        var colors = Enumerable.Range(0, contents.GetLength(0))
            .SelectMany(row => Enumerable.Range(0, contents.GetLength(1)).Select(col => contents[row, col].Attribute))
            .Where(a => a is not null)
            .SelectMany(a => new[] { a!.Value.Foreground, a.Value.Background })
            .Distinct()
            .ToList();
        Assert.Equal([Terminal.Gui.Drawing.Color.None], colors);
    }

    [Fact]
    public void Snapshots_raised_on_another_thread_reach_the_screen()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        var producer = new Thread(() => dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil()));
        producer.Start();
        producer.Join();
        dashboard.Draw();

        Assert.Contains("gil-worker-3", dashboard.Screen);
    }
}
