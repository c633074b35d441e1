using Monitor.Model;
using Monitor.Tui.Panels;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tests.Tui;

/// <summary>The runtime panel, headless: what an attached process's runtime says, with its sparklines, on a
/// dashboard that watches (attach) and never on one that runs workloads.</summary>
public class RuntimePanelTests
{
    private static readonly RuntimeSample Figures = new(
        ThreadPoolThreads: 25, ThreadPoolQueueLength: 223, ThreadPoolCompletedPerSec: 19, StarvationAdjustments: 10,
        GcPausePercent: 2.5, AllocBytesPerSec: 32 * CannedSnapshots.Megabyte, Gen0Bytes: 54_000, Gen1Bytes: 437_000, Gen2Bytes: 0,
        LohBytes: 64 * CannedSnapshots.Megabyte, PohBytes: 8 * CannedSnapshots.Megabyte, ExceptionsPerSec: 200, MethodsJittedPerSec: 20);

    /// <summary>The gil snapshot as an attach would give it: an external process with its runtime's figures.</summary>
    private static Snapshot Attached(double t, RuntimeSample? figures = null)
    {
        var gil = CannedSnapshots.Gil(t);
        return gil with
        {
            Workload = new WorkloadInfo(null, null, WorkerRuntime.Dotnet, 0, 0, t, 0, false),
            Processes = [.. gil.Processes.Select(p => p with { Role = ProcessRole.External, Runtime = figures ?? Figures })],
        };
    }

    private static HeadlessDashboard Watching(int width, int height)
    {
        var dashboard = new HeadlessDashboard(width, height, new FakeMonitorController(canRunWorkloads: false));
        for (int i = 0; i < 5; i++)
        {
            dashboard.Controller.RaiseSnapshot(Attached(10 + i, Figures with { ThreadPoolThreads = 5 + 5 * i }));
        }
        dashboard.Settle();
        return dashboard;
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void Attached_the_dashboard_shows_the_thread_pool_and_the_collector(int width, int height)
    {
        using var dashboard = Watching(width, height);
        string screen = dashboard.Screen;

        Assert.Contains("─ Runtime ─", screen);
        Assert.Contains("pool 25 threads", screen);
        Assert.Contains("queue 223", screen);
        Assert.Contains("starved 10", screen);
        Assert.Contains("GC pause 2.5%", screen);
        Assert.Contains("alloc 32.0 MB/s", screen);
        Assert.Contains("exceptions 200/s", screen);
        Assert.DoesNotContain("terminal too small", screen);
    }

    [Fact]
    public void The_heap_per_generation_is_the_third_line()
    {
        var state = new DashboardState(new WorkloadSettings(RunMode.Threads, 1, 1, WorkKind.Cpu), canRunWorkloads: false, logicalCpus: 2)
        {
            Keys = new Monitor.Tui.Input.KeyMap(PanelRegistry.All),
        };
        state.Apply(Attached(3));

        var lines = RuntimePanel.Render(state, 100, Glyphs.Ascii).Body.Select(l => l.Text).ToArray();

        Assert.Equal(3, RuntimePanel.RowCount(state));
        Assert.EndsWith("JIT 20/s", lines[1]);
        Assert.Equal("heap gen0 53 KB  gen1 427 KB  gen2 0 B  LOH 64.0 MB  POH 8.0 MB", lines[2]);
    }

    [Fact]
    public void The_thread_count_sparkline_rises_with_the_pool()
    {
        using var dashboard = Watching(120, 35);
        string pool = dashboard.Lines.Single(l => l.Contains("pool 25 threads"));
        int from = pool.IndexOf("threads ", StringComparison.Ordinal) + 8;
        string spark = pool[from..pool.IndexOf("  queue", StringComparison.Ordinal)].Trim();

        // Five samples a second apart: a cell per bucket of the minute, the newest at the right.
        Assert.True(spark.Length >= 2, pool);
        Assert.Equal(new string([.. spark.Order()]), spark);   // higher blocks to the right
        Assert.NotEqual(spark[0], spark[^1]);
    }

    [Fact]
    public void A_process_whose_runtime_is_not_read_shows_no_figures()
    {
        var service = CannedSnapshots.Service();
        using var dashboard = HeadlessDashboard.Showing(service with { Processes = [.. service.Processes.Select(p => p with { Runtime = null })] });

        Assert.Contains("no runtime figures yet", dashboard.Screen);
    }

    [Fact]
    public void A_dashboard_that_runs_workloads_has_no_runtime_panel()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        dashboard.Controller.RaiseSnapshot(Attached(3));
        dashboard.Settle();

        Assert.DoesNotContain("─ Runtime ─", dashboard.Screen);
        Assert.DoesNotContain("pool 25 threads", dashboard.Screen);
    }
}
