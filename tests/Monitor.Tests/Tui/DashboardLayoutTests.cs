using System.Drawing;
using Monitor.Tui.Views;

namespace Monitor.Tests.Tui;

public class DashboardLayoutTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 60)]
    public void Panels_stack_without_overlap_and_leave_the_key_bar_at_the_bottom(int width, int height)
    {
        var frames = DashboardLayout.Compute(new Size(width, height), new PanelDemand(12, 3, 4, 5), helpRows: 20);

        Rectangle[] stacked = [frames.Header, frames.Threads, frames.Contention, frames.Results, frames.KeyBar];
        for (int i = 1; i < stacked.Length; i++)
        {
            Assert.True(stacked[i].Top >= stacked[i - 1].Bottom, $"{i}: {stacked[i]} overlaps {stacked[i - 1]}");
        }
        Assert.Equal(height, frames.KeyBar.Bottom);
        Assert.False(frames.Memory.IntersectsWith(frames.Contention));
    }

    [Fact]
    public void At_80x24_contention_and_memory_get_two_rows_each_and_threads_the_most()
    {
        var frames = DashboardLayout.Compute(new Size(80, 24), new PanelDemand(30, 5, 5, 9), helpRows: 20);

        Assert.Equal(3, frames.Contention.Height);
        Assert.Equal(3, frames.Memory.Height);
        Assert.Equal(4, frames.Results.Height);
        Assert.Equal(10, frames.Threads.Height);
    }

    [Fact]
    public void Wide_terminals_put_contention_and_memory_side_by_side()
    {
        var frames = DashboardLayout.Compute(new Size(200, 60), new PanelDemand(12, 3, 4, 5), helpRows: 20);

        Assert.Equal(frames.Contention.Top, frames.Memory.Top);
        Assert.True(frames.Memory.Left >= frames.Contention.Right);
    }

    [Fact]
    public void Below_80x24_the_layout_gives_up()
    {
        Assert.True(DashboardLayout.Compute(new Size(79, 40), new PanelDemand(1, 1, 1, 1), 20).TooSmall);
        Assert.True(DashboardLayout.Compute(new Size(120, 23), new PanelDemand(1, 1, 1, 1), 20).TooSmall);
    }
}
