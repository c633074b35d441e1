using Monitor.Model;
using Monitor.Tests.Attach;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>The hot-methods panel of an attach with stacks, headless: where it goes, what it says, its keys.</summary>
public sealed class HotMethodsPanelTests
{
    private static Snapshot WithStacks() => CannedSnapshots.ServiceWithStacks();

    private static HeadlessDashboard Attached(Snapshot snapshot, int width = 80, int height = 24) =>
        HeadlessDashboard.Showing(snapshot, width, height);

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    public void With_stacks_the_panel_lists_the_hot_methods_and_says_how_they_were_taken(int width, int height)
    {
        using var dashboard = Attached(WithStacks(), width, height);

        Assert.False(dashboard.Screen.Contains("terminal too small"), dashboard.Screen);
        Assert.Contains("Hot methods", dashboard.Screen);
        Assert.Contains("1 s every 4 s", dashboard.Screen);
        Assert.Contains("cost 0.8% CPU", dashboard.Screen);
        var price = dashboard.Lines.First(l => l.Contains("App.Orders.Price") && l.Contains("61.5"));
        Assert.Contains("70.0", price);
        Assert.Contains("s stacks", dashboard.Lines[^1]);
    }

    [Fact]
    public void Without_stacks_there_is_no_panel_and_s_asks_the_controller()
    {
        using var dashboard = Attached(CannedSnapshots.Service());
        Assert.DoesNotContain("Hot methods", dashboard.Screen);

        dashboard.Press(new Key('s'));

        Assert.Equal(1, dashboard.Controller.StacksToggles);
        Assert.Contains("stacks on (fake)", dashboard.Screen);
    }

    [Fact]
    public void X_sorts_by_total_and_enter_unfolds_the_callers_of_the_method_under_the_cursor()
    {
        using var dashboard = Attached(WithStacks(), 120, 35);

        dashboard.Press(new Key('x'));
        dashboard.Settle();
        int main = dashboard.Lines.ToList().FindIndex(l => l.Contains("App.Main") && l.Contains("90.0"));
        int price = dashboard.Lines.ToList().FindIndex(l => l.Contains("App.Orders.Price") && l.Contains("61.5"));
        Assert.True(main >= 0 && main < price, dashboard.Screen);

        dashboard.Press(new Key('x'));
        dashboard.Press(Key.Tab);
        Assert.True(dashboard.Monitor.Dashboard.Panel("Hot methods").Selected);
        dashboard.Press(Key.CursorDown);
        dashboard.Press(Key.Enter);
        dashboard.Settle();

        Assert.Contains(dashboard.Lines, l => l.Contains("called by App.Orders.Handle") && l.Contains("90.0"));
        Assert.Contains(dashboard.Lines, l => l.Contains("called by App.Batch.Run"));
        dashboard.Press(Key.Enter);
        dashboard.Settle();
        Assert.DoesNotContain(dashboard.Lines, l => l.Contains("called by"));
    }

    [Fact]
    public void The_thread_under_the_threads_cursor_shows_its_stack()
    {
        using var dashboard = Attached(WithStacks(), 120, 35);

        // The threads are sorted by CPU: the cursor's first place is the busiest thread.
        dashboard.Press(Key.CursorDown);
        dashboard.Settle();

        Assert.Contains(dashboard.Lines, l => l.Contains("80%:") && l.Contains("Orders.Price ← Orders.Handle ← App.Main"));
    }

    [Fact]
    public void At_80x24_the_help_of_an_attach_with_stacks_lists_s_and_x_and_still_fits()
    {
        using var dashboard = Attached(WithStacks());

        dashboard.Press(new Key('?'));

        Assert.Contains("sample stacks on or off", dashboard.Screen);
        Assert.Contains("hot methods: sort by self or total", dashboard.Screen);
        Assert.Contains("?, q or Esc closes this help.", dashboard.Screen);
    }
}
