using Terminal.Gui.Input;
using Monitor.Model;

namespace Monitor.Tests.Tui;

public class KeyCommandTests
{
    [Theory]
    [InlineData('1', "single")]
    [InlineData('2', "threads")]
    [InlineData('3', "processes")]
    [InlineData('4', "gil")]
    public void Digit_keys_start_that_mode(char key, string mode)
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key(key));

        var started = Assert.Single(dashboard.Controller.Started);
        Assert.Equal(mode, started.Mode.Name());
        Assert.Equal(mode == "single" ? 1 : 4, started.Workers);
        Assert.Contains("started " + mode, dashboard.Screen);
    }

    [Fact]
    public void C_runs_the_comparison_with_the_next_runs_workers_and_n()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key('+'));
        dashboard.Press(new Key('c'));

        var compared = Assert.Single(dashboard.Controller.Compared);
        Assert.Equal(5, compared.Workers);
        Assert.Equal(dashboard.Controller.Settings.N, compared.N);
        Assert.Contains("comparing", dashboard.Screen);
    }

    [Fact]
    public void Plus_and_minus_change_the_workers_of_the_next_run()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key('+'));
        dashboard.Press(new Key('+'));
        Assert.Contains("next run: threads ×6", dashboard.Screen);
        dashboard.Press(new Key('-'));
        dashboard.Press(Key.D4);

        Assert.Equal(5, dashboard.Controller.Started.Single().Workers);
    }

    /// <summary>The UI keeps the command line's limits (one table of them): `--workers 128` then `+` is 129 threads,
    /// not the 64 the UI used to clamp to; switching to processes keeps K within what processes allow.</summary>
    [Fact]
    public void Workers_keep_the_limits_the_command_line_has()
    {
        var controller = new FakeMonitorController { Settings = new(RunMode.Threads, 128, 1_000_000_000, WorkKind.Cpu) };
        using var dashboard = new HeadlessDashboard(80, 24, controller);

        dashboard.Press(new Key('+'));
        dashboard.Press(Key.D2);
        dashboard.Press(Key.D3);
        dashboard.Press(Key.D4);
        for (int i = 0; i < 300; i++) dashboard.Press(new Key('+'));
        dashboard.Press(Key.D4);

        Assert.Equal([129, WorkloadLimits.MaxProcesses, WorkloadLimits.MaxProcesses, WorkloadLimits.MaxThreads], controller.Started.Select(s => s.Workers));
    }

    [Fact]
    public void Workers_never_drop_below_one()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        for (int i = 0; i < 6; i++)
        {
            dashboard.Press(new Key('-'));
        }
        dashboard.Press(Key.D2);

        Assert.Equal(1, dashboard.Controller.Started.Single().Workers);
    }

    [Fact]
    public void Brackets_multiply_and_divide_n_by_ten()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(new Key(']'));
        dashboard.Press(new Key(']'));
        dashboard.Press(new Key('['));
        dashboard.Press(Key.D2);

        Assert.Equal(10_000_000_000, dashboard.Controller.Started.Single().N);
    }

    [Fact]
    public void I_toggles_cpu_and_io_work()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(Key.I);
        dashboard.Press(Key.D2);

        Assert.Equal(WorkKind.Io, dashboard.Controller.Started.Single().Work);
    }

    [Fact]
    public void Space_starts_the_next_run_and_stops_a_running_one()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(Key.Space);
        Assert.Single(dashboard.Controller.Started);
        Assert.True(dashboard.Controller.IsRunning);

        dashboard.Press(Key.Space);
        Assert.Equal(1, dashboard.Controller.Stops);
    }

    [Fact]
    public void R_toggles_recording_and_the_header_shows_it()
    {
        using var dashboard = new HeadlessDashboard(120, 35);

        dashboard.Press(Key.R);

        Assert.Equal(1, dashboard.Controller.RecordingToggles);
        Assert.Contains("● REC ./monitor-gil-20261125-101010 1.2 MB", dashboard.Lines[1]);
    }

    [Fact]
    public void Workload_keys_say_why_they_do_nothing_when_watching_another_process()
    {
        using var dashboard = new HeadlessDashboard(80, 24, new FakeMonitorController(canRunWorkloads: false));

        dashboard.Press(Key.D3);
        dashboard.Press(new Key('+'));

        Assert.Empty(dashboard.Controller.Started);
        Assert.Contains("not running workloads while watching", dashboard.Screen);
    }

    [Fact]
    public void Keys_reach_the_dashboard_even_when_a_view_has_focus()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        var focusable = new Terminal.Gui.Views.TextField { CanFocus = true, Width = 5 };
        dashboard.Monitor.Dashboard.Add(focusable);
        focusable.SetFocus();

        dashboard.Press(Key.D4);

        Assert.Equal(RunMode.Gil, dashboard.Controller.Started.Single().Mode);
    }

    [Fact]
    public void Status_messages_from_the_controller_appear_above_the_key_bar()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Controller.RaiseStatus("recording not available");
        dashboard.Draw();

        Assert.Contains("recording not available", dashboard.Lines[^2]);
    }
}
