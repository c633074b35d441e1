using System.Drawing;
using Monitor.Tui.Panels;
using Monitor.Tui.Views;

namespace Monitor.Tests.Tui;

public class DashboardLayoutTests
{
    /// <summary>The panels of a dashboard that runs workloads.</summary>
    private static readonly IReadOnlyList<PanelDefinition> Running = [.. PanelRegistry.All.Where(p => p.Title is not ("Hot methods" or "Runtime"))];

    /// <summary>The panels of a dashboard that watches (attach): the runtime panel too.</summary>
    private static readonly IReadOnlyList<PanelDefinition> Watching = [.. PanelRegistry.All.Where(p => p.Title is not ("Hot methods" or "Results"))];

    /// <summary>The registry's layout when threads, contention, memory and results have these rows to show.</summary>
    private static DashboardFrames Compute(int width, int height, int threads, int contention, int memory, int results, int runtime = 3, bool watching = false)
    {
        var wanted = (watching ? Watching : Running).Select(p => p.Title switch
        {
            "Threads" => threads,
            "Lock contention" => contention,
            "Memory" => memory,
            "Results" => results,
            "Runtime" => runtime,
            _ => 1,
        }).ToList();
        return DashboardLayout.Compute(new Size(width, height), watching ? Watching : Running, wanted, helpRows: 20);
    }

    private static Rectangle Frame(DashboardFrames frames, string title, bool watching = false) =>
        frames.Panels[(watching ? Watching : Running).ToList().FindIndex(p => p.Title == title)];

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 60)]
    public void Panels_stack_without_overlap_and_leave_the_key_bar_at_the_bottom(int width, int height)
    {
        var frames = Compute(width, height, 12, 3, 4, 5);

        Rectangle[] stacked = [frames.Header, Frame(frames, "Threads"), Frame(frames, "Lock contention"), Frame(frames, "Results"), frames.KeyBar];
        for (int i = 1; i < stacked.Length; i++)
        {
            Assert.True(stacked[i].Top >= stacked[i - 1].Bottom, $"{i}: {stacked[i]} overlaps {stacked[i - 1]}");
        }
        Assert.Equal(height, frames.KeyBar.Bottom);
        Assert.False(Frame(frames, "Memory").IntersectsWith(Frame(frames, "Lock contention")));
    }

    [Fact]
    public void At_80x24_contention_and_memory_get_two_rows_each_and_threads_the_most()
    {
        var frames = Compute(80, 24, 30, 5, 5, 9);

        Assert.Equal(3, Frame(frames, "Lock contention").Height);
        Assert.Equal(3, Frame(frames, "Memory").Height);
        Assert.Equal(4, Frame(frames, "Results").Height);
        Assert.Equal(10, Frame(frames, "Threads").Height);
    }

    [Fact]
    public void Attached_at_80x24_the_runtime_panel_gets_two_rows_and_threads_still_the_most()
    {
        var frames = Compute(80, 24, 30, 5, 5, 9, runtime: 3, watching: true);

        Assert.False(frames.TooSmall);
        Assert.Equal(3, Frame(frames, "Runtime", watching: true).Height);
        Assert.Equal(3, Frame(frames, "Memory", watching: true).Height);
        // The Results panel is hidden while attached: its rows go to the threads.
        Assert.Equal(11, Frame(frames, "Threads", watching: true).Height);
        Assert.Equal(24, frames.KeyBar.Bottom);
    }

    [Fact]
    public void A_dashboard_that_runs_workloads_has_no_runtime_panel() =>
        Assert.DoesNotContain(Running, p => p.Title == "Runtime");

    [Fact]
    public void Wide_terminals_put_contention_and_memory_side_by_side()
    {
        var frames = Compute(200, 60, 12, 3, 4, 5);

        Assert.Equal(Frame(frames, "Lock contention").Top, Frame(frames, "Memory").Top);
        Assert.True(Frame(frames, "Memory").Left >= Frame(frames, "Lock contention").Right);
    }

    [Fact]
    public void Below_80x24_the_layout_gives_up()
    {
        Assert.True(Compute(79, 40, 1, 1, 1, 1).TooSmall);
        Assert.True(Compute(120, 23, 1, 1, 1, 1).TooSmall);
    }
}
