using Monitor.Model;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>The process picker (p) headless: it lists what the controller offers, Enter asks the controller to watch
/// or stop watching the selected process, and no other key reaches the dashboard while it is open.</summary>
public class TargetPickerTests
{
    private static readonly TargetChoice[] Choices =
    [
        new(101, "api", "/srv/api/api --urls http://127.0.0.1:5000", TargetStatus.Watched),
        new(202, "worker", "dotnet /srv/worker/worker.dll", TargetStatus.Available),
        new(303, "batch", "/srv/batch/batch --once", TargetStatus.Available),
        new(404, "child", "/srv/api/helper", TargetStatus.Child),
        new(505, "old", "", TargetStatus.Exited),
    ];

    [Fact]
    public void P_lists_the_processes_and_enter_adds_the_selected_one()
    {
        var controller = new FakeAttachController(Choices);
        using var dashboard = new HeadlessDashboard(120, 35, controller);

        dashboard.Press(new Key('p'));

        Assert.True(dashboard.Monitor.IsPickerOpen);
        string screen = dashboard.Screen;
        Assert.Contains("Processes", screen);
        Assert.Contains("dotnet /srv/worker/worker.dll", screen);
        Assert.Contains("watched", screen);
        Assert.Contains("exited", screen);
        // The first one not watched is selected: p is most often for adding one.
        Assert.Contains("Enter watches 202", screen);

        dashboard.Press(Key.CursorDown);
        Assert.Contains("Enter watches 303", dashboard.Screen);
        dashboard.Press(Key.Enter);

        Assert.Equal([303], controller.Added);
        Assert.Empty(controller.Removed);
        Assert.False(dashboard.Monitor.IsPickerOpen);
        Assert.DoesNotContain("/srv/batch/batch --once", dashboard.Screen);
    }

    [Theory]
    [InlineData(101, "Enter stops watching 101")]
    [InlineData(404, "Enter stops watching 404")]
    [InlineData(505, "Enter drops 505's last figures")]
    public void Enter_on_a_watched_child_or_exited_process_removes_it(int pid, string hint)
    {
        var controller = new FakeAttachController(Choices);
        using var dashboard = new HeadlessDashboard(120, 35, controller);
        dashboard.Press(new Key('p'));

        dashboard.Press(Key.Home);
        while (dashboard.Monitor.State.Picker.SelectedChoice!.Pid != pid) dashboard.Press(Key.CursorDown);
        Assert.Contains(hint, dashboard.Screen);
        dashboard.Press(Key.Enter);

        Assert.Equal([pid], controller.Removed);
        Assert.Empty(controller.Added);
    }

    [Theory]
    [InlineData("Esc")]
    [InlineData("p")]
    [InlineData("q")]
    public void Esc_p_or_q_closes_the_picker_without_quitting_or_asking_anything(string key)
    {
        var controller = new FakeAttachController(Choices);
        using var dashboard = new HeadlessDashboard(80, 24, controller);
        dashboard.Press(new Key('p'));

        dashboard.Press(key switch { "Esc" => Key.Esc, "p" => new Key('p'), _ => Key.Q });

        Assert.False(dashboard.Monitor.IsPickerOpen);
        Assert.False(dashboard.Monitor.Dashboard.StopRequested);
        Assert.Empty(controller.Added);
        Assert.Empty(controller.Removed);
        Assert.DoesNotContain("Enter watches", dashboard.Screen);
    }

    [Fact]
    public void Keys_of_the_dashboard_do_nothing_while_the_picker_is_open()
    {
        var controller = new FakeAttachController(Choices);
        using var dashboard = new HeadlessDashboard(80, 24, controller);
        dashboard.Press(new Key('p'));

        dashboard.Press(new Key('e'));
        dashboard.Press(new Key('r'));
        dashboard.Press(new Key('?'));

        Assert.True(dashboard.Monitor.IsPickerOpen);
        Assert.False(dashboard.Monitor.IsHelpOpen);
        Assert.Empty(dashboard.Monitor.State.ExpandedGroups);
        Assert.Equal(0, controller.RecordingToggles);
    }

    [Fact]
    public void The_selection_stays_in_view_in_a_list_longer_than_the_screen()
    {
        var many = Enumerable.Range(1, 60).Select(i => new TargetChoice(1000 + i, $"app{i}", $"/srv/app{i}", TargetStatus.Available)).ToArray();
        var controller = new FakeAttachController(many);
        using var dashboard = new HeadlessDashboard(80, 24, controller);
        dashboard.Press(new Key('p'));

        dashboard.Press(Key.End);
        Assert.Contains("/srv/app60", dashboard.Screen);
        Assert.Contains("Enter watches 1060", dashboard.Screen);
        dashboard.Press(Key.Home);
        Assert.Contains("/srv/app1 ", dashboard.Screen + " ");
        Assert.DoesNotContain("/srv/app60", dashboard.Screen);
    }

    [Fact]
    public void P_outside_attach_says_where_it_works()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key('p'));

        Assert.False(dashboard.Monitor.IsPickerOpen);
        Assert.Contains("p picks the processes to watch in monitor attach", dashboard.Screen);
    }

    [Fact]
    public void The_help_while_attached_names_p_instead_of_the_workload_keys_and_fits_80x24()
    {
        using var dashboard = new HeadlessDashboard(80, 24, new FakeAttachController(Choices));

        dashboard.Press(new Key('?'));

        string screen = dashboard.Screen;
        Assert.Contains("pick processes to watch", screen);
        Assert.DoesNotContain("run single: one thread", screen);
        Assert.Contains("?, q or Esc closes this help.", screen);
    }

    [Fact]
    public void The_help_of_a_run_has_no_picker()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key('?'));

        Assert.DoesNotContain("pick processes to watch", dashboard.Screen);
        Assert.Contains("run single, threads, processes or gil", dashboard.Screen);
    }
}
