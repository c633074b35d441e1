using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

public class NavigationTests
{
    [Fact]
    public void Q_requests_quit()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(Key.Q);

        Assert.True(dashboard.Monitor.Dashboard.StopRequested);
    }

    [Theory]
    [InlineData("F10")]
    [InlineData("Ctrl+C")]
    [InlineData("Q")]
    public void Other_quit_keys_request_quit(string name)
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(name switch { "F10" => Key.F10, "Ctrl+C" => Key.C.WithCtrl, _ => Key.Q.WithShift });

        Assert.True(dashboard.Monitor.Dashboard.StopRequested);
    }

    [Fact]
    public void A_lone_escape_does_not_quit()
    {
        using var dashboard = new HeadlessDashboard(80, 24);

        dashboard.Press(Key.Esc);

        Assert.False(dashboard.Monitor.Dashboard.StopRequested);
    }

    [Theory]
    [InlineData("?")]
    [InlineData("q")]
    [InlineData("Esc")]
    public void Help_opens_with_question_mark_and_closes_with_question_mark_q_or_escape(string closeKey)
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Draw();

        dashboard.Press(new Key('?'));
        Assert.True(dashboard.Monitor.IsHelpOpen);
        Assert.Contains("Help", dashboard.Screen);
        Assert.Contains("fold or unfold the cursor's thread group", dashboard.Screen);
        Assert.Contains("?, q or Esc closes this help.", dashboard.Screen);

        dashboard.Press(closeKey switch { "?" => new Key('?'), "q" => Key.Q, _ => Key.Esc });

        Assert.False(dashboard.Monitor.IsHelpOpen);
        Assert.False(dashboard.Monitor.Dashboard.StopRequested);
        Assert.DoesNotContain("fold or unfold the cursor's thread group", dashboard.Screen);
        Assert.Contains("gil-worker-0", dashboard.Screen);
    }

    [Fact]
    public void F1_opens_help_and_new_snapshots_do_not_draw_over_it()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(1));
        dashboard.Press(Key.F1);

        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil(2) with { Threads = [.. CannedSnapshots.Gil(2).Threads.Select(t => t with { CpuPercent = 77 })] });
        dashboard.Draw();

        Assert.Contains("start or stop recording a trace", dashboard.Screen);
        Assert.Contains("this help", dashboard.Screen);
    }

    [Fact]
    public void E_unfolds_and_folds_the_runtime_threads()
    {
        using var dashboard = new HeadlessDashboard(120, 35);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Draw();
        Assert.DoesNotContain(".NET Finalizer", dashboard.Screen);

        dashboard.Press(Key.E);
        Assert.Contains("×3 ▾ runtime", dashboard.Screen);
        Assert.Contains(".NET Finalizer", dashboard.Screen);
        Assert.Contains(".NET Tiered Com", dashboard.Screen);

        dashboard.Press(Key.E);
        Assert.Contains("×3 ▸ runtime", dashboard.Screen);
        Assert.DoesNotContain(".NET Finalizer", dashboard.Screen);
    }

    [Fact]
    public void Tab_selects_the_next_panel_and_arrows_scroll_it()
    {
        using var dashboard = new HeadlessDashboard(80, 24);
        for (int i = 1; i <= 12; i++)
        {
            dashboard.Controller.RaiseRunFinished(CannedSnapshots.Summary("threads", 100 * i));
        }
        dashboard.Draw();
        Assert.True(dashboard.Monitor.Dashboard.Panel("Threads").Selected);

        dashboard.Press(Key.Tab);
        dashboard.Press(Key.Tab);
        dashboard.Press(Key.Tab);
        Assert.True(dashboard.Monitor.Dashboard.Panel("Results").Selected);
        dashboard.Press(Key.Home);
        Assert.Contains(" 1-", dashboard.Lines.Single(l => l.Contains("Results")));
        dashboard.Press(Key.CursorDown);

        Assert.Contains(" 2-", dashboard.Lines.Single(l => l.Contains("Results")));
    }

    [Fact]
    public void A_terminal_smaller_than_80x24_shows_why_and_recovers_when_resized()
    {
        using var dashboard = new HeadlessDashboard(70, 20);
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Draw();

        Assert.Contains("terminal too small: 70x20, need 80x24", dashboard.Lines[9]);
        Assert.DoesNotContain("gil-worker-0", dashboard.Screen);

        dashboard.Resize(80, 24);

        Assert.DoesNotContain("terminal too small", dashboard.Screen);
        Assert.Contains("gil-worker-0", dashboard.Screen);
    }
}
