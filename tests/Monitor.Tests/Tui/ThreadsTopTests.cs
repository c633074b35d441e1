using System.Text.RegularExpressions;
using Monitor.Model;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>The threads panel as top: sorted, reversed, filtered by name, a cursor that keeps its thread, groups.</summary>
public class ThreadsTopTests
{
    /// <summary>What identifies each of the service's rows on screen.</summary>
    private static readonly Dictionary<string, string> Rows = new()
    {
        ["service"] = @"7700\s+7700 service",
        ["hot-loop"] = @"\d hot-loop ",
        ["logger"] = @"\d logger ",
        ["convoy"] = @"\d convoy ",
        ["pool"] = @"×12 [▸▾] \.NET TP Worker",
        ["runtime"] = @"×2 [▸▾] runtime",
    };

    private static HeadlessDashboard Attached(int width = 120, int height = 35, Snapshot? snapshot = null) =>
        HeadlessDashboard.Showing(snapshot ?? CannedSnapshots.Service(), width, height);

    /// <summary>The rows' names, top to bottom, as the screen shows them.</summary>
    private static List<string> Order(HeadlessDashboard dashboard)
    {
        var lines = dashboard.Lines;
        return [.. Rows
            .Select(r => (r.Key, Line: lines.ToList().FindIndex(l => Regex.IsMatch(l, r.Value))))
            .Where(r => r.Line >= 0)
            .OrderBy(r => r.Line)
            .Select(r => r.Key)];
    }

    private static string TitleOf(HeadlessDashboard dashboard) => dashboard.Lines.Single(l => l.Contains("─ Threads ─"));

    private static Monitor.Tui.Panels.PanelContent Threads(HeadlessDashboard dashboard) => dashboard.Monitor.Dashboard.Panel("Threads").Content;

    private static string CursorLine(HeadlessDashboard dashboard) =>
        Threads(dashboard) is { CursorRow: { } row } content ? content.Body[row].Text : throw new Xunit.Sdk.XunitException("no cursor");

    private static void Type(HeadlessDashboard dashboard, string text)
    {
        foreach (char c in text) dashboard.Press(new Key(c));
    }

    [Fact]
    public void Threads_are_sorted_by_cpu_busiest_first_and_the_title_says_so()
    {
        using var dashboard = Attached();

        Assert.Equal(["hot-loop", "pool", "convoy", "runtime", "service", "logger"], Order(dashboard));
        Assert.Contains("─ Threads ─ sort CPU% ↓ ─", TitleOf(dashboard));
    }

    [Theory]
    [InlineData('b', "BLK/s ↓", new[] { "convoy", "logger", "pool", "runtime", "service", "hot-loop" })]
    [InlineData('n', "NAME ↑", new[] { "pool", "convoy", "hot-loop", "logger", "runtime", "service" })]
    [InlineData('t', "TID ↑", new[] { "service", "runtime", "hot-loop", "logger", "convoy", "pool" })]
    public void A_sort_key_orders_the_threads_again_reverses_and_v_reverses_too(char key, string title, string[] expected)
    {
        using var dashboard = Attached();

        dashboard.Press(new Key(key));
        Assert.Equal(expected, Order(dashboard));
        Assert.Contains($"sort {title}", TitleOf(dashboard));

        dashboard.Press(new Key(char.ToUpperInvariant(key)));
        Assert.Equal(expected.Reverse(), Order(dashboard));

        dashboard.Press(new Key('v'));
        Assert.Equal(expected, Order(dashboard));
    }

    [Fact]
    public void W_puts_the_threads_waiting_for_a_cpu_first_and_u_goes_back_to_cpu()
    {
        using var dashboard = Attached();

        dashboard.Press(new Key('w'));
        Assert.Equal(["convoy", "hot-loop"], Order(dashboard).Take(2));
        Assert.Contains("sort WAIT% ↓", TitleOf(dashboard));

        dashboard.Press(new Key('u'));
        Assert.Equal(["hot-loop", "pool", "convoy", "runtime", "service", "logger"], Order(dashboard));
        dashboard.Press(new Key('u'));
        Assert.Equal("logger", Order(dashboard)[0]);
        Assert.Contains("sort CPU% ↑", TitleOf(dashboard));
    }

    [Fact]
    public void Slash_filters_by_name_as_typed_and_letters_that_are_keys_go_into_the_filter()
    {
        using var dashboard = Attached();

        dashboard.Press(new Key('/'));
        Assert.Contains("Enter keeps it, Esc clears it", dashboard.Lines[^2]);
        Type(dashboard, "LOq");
        Assert.Contains("filter: LOq_", TitleOf(dashboard));
        Assert.False(dashboard.Monitor.Dashboard.StopRequested, "q in the filter quit");
        Assert.Empty(Order(dashboard));

        dashboard.Press(Key.Backspace);
        Assert.Equal(["hot-loop", "logger"], Order(dashboard));
        dashboard.Press(Key.Enter);
        Assert.Contains("filter: LO ", TitleOf(dashboard));

        dashboard.Press(new Key('n'));
        Assert.Equal(["hot-loop", "logger"], Order(dashboard));
        Assert.Contains("sort NAME ↑  filter: LO ", TitleOf(dashboard));

        dashboard.Press(new Key('/'));
        dashboard.Press(Key.Esc);
        Assert.Equal(6, Order(dashboard).Count);
        Assert.DoesNotContain("filter", TitleOf(dashboard));
    }

    [Fact]
    public void The_cursor_stays_on_its_thread_while_the_order_changes()
    {
        using var dashboard = Attached();
        Assert.Null(dashboard.Monitor.State.SelectedThread);

        dashboard.Press(Key.CursorDown);
        Assert.Equal((CannedSnapshots.ServicePid, 7790), dashboard.Monitor.State.SelectedThread);
        Assert.Contains("hot-loop", CursorLine(dashboard));
        dashboard.Press(Key.CursorDown);
        Assert.Null(dashboard.Monitor.State.SelectedThread);
        Assert.Contains(".NET TP Worker", CursorLine(dashboard));
        dashboard.Press(Key.CursorDown);
        Assert.Equal((CannedSnapshots.ServicePid, 7792), dashboard.Monitor.State.SelectedThread);

        var service = CannedSnapshots.Service(6);
        dashboard.Controller.RaiseSnapshot(service with { Threads = [.. service.Threads.Select(t => t.Name == "convoy" ? t with { CpuPercent = 99 } : t)] });
        dashboard.Draw();
        Assert.Equal("convoy", Order(dashboard)[0]);
        Assert.Equal((CannedSnapshots.ServicePid, 7792), dashboard.Monitor.State.SelectedThread);
        Assert.Equal(0, Threads(dashboard).CursorRow);

        dashboard.Press(new Key('t'));
        Assert.Contains("convoy", CursorLine(dashboard));
        Assert.Equal(4, Threads(dashboard).CursorRow);
    }

    [Fact]
    public void The_arrows_move_the_cursor_only_while_the_threads_panel_is_selected()
    {
        using var dashboard = Attached();
        dashboard.Press(Key.End);
        Assert.Contains("logger", CursorLine(dashboard));

        dashboard.Press(Key.Tab);
        dashboard.Press(Key.Home);
        Assert.Contains("logger", CursorLine(dashboard));

        dashboard.Press(Key.Tab.WithShift);
        dashboard.Press(Key.Home);
        Assert.Contains("hot-loop", CursorLine(dashboard));
    }

    [Fact]
    public void Same_named_threads_fold_into_one_row_with_their_cpu_summed_and_e_unfolds_them()
    {
        using var dashboard = Attached();
        Assert.Matches(@"×12 ▸ \.NET TP Worker\s+60\.0 ", dashboard.Screen);
        Assert.Single(Threads(dashboard).Body, l => l.Text.Contains(".NET TP Worker"));

        dashboard.Press(Key.E);
        Assert.Equal(13, Threads(dashboard).Body.Count(l => l.Text.Contains(".NET TP Worker")));
        Assert.Contains(Threads(dashboard).Body, l => l.Text.Contains(".NET Finalizer"));
        Assert.Contains("×12 ▾ .NET TP Worker", dashboard.Screen);

        dashboard.Press(Key.E);
        Assert.Single(Threads(dashboard).Body, l => l.Text.Contains(".NET TP Worker"));
        Assert.DoesNotContain(Threads(dashboard).Body, l => l.Text.Contains(".NET Finalizer"));
    }

    [Fact]
    public void E_on_the_cursor_unfolds_only_its_group_and_folds_it_from_any_member()
    {
        using var dashboard = Attached();
        dashboard.Press(Key.CursorDown);
        dashboard.Press(Key.CursorDown);

        dashboard.Press(Key.E);
        Assert.Equal(13, Threads(dashboard).Body.Count(l => l.Text.Contains(".NET TP Worker")));
        Assert.Contains("×2 ▸ runtime", dashboard.Screen);

        dashboard.Press(Key.CursorDown);
        Assert.Equal((CannedSnapshots.ServicePid, 7800), dashboard.Monitor.State.SelectedThread);
        dashboard.Press(Key.E);
        Assert.Single(Threads(dashboard).Body, l => l.Text.Contains(".NET TP Worker"));
        Assert.Contains("×12 ▸ .NET TP Worker", CursorLine(dashboard));
    }

    /// <summary>Hundreds of threads: all rows there to scroll through, the cursor reaching the last and the view following it.</summary>
    [Fact]
    public void Five_hundred_threads_render_and_the_cursor_scrolls_to_the_last()
    {
        using var dashboard = Attached(120, 35, CannedSnapshots.ServiceWithThreads(500));

        Assert.Equal(500, Threads(dashboard).Body.Count);
        Assert.Matches(@" 1-\d+ of 500 ", TitleOf(dashboard));

        dashboard.Press(Key.End);
        string last = CursorLine(dashboard);
        Assert.Contains(last.TrimEnd(), dashboard.Screen);
        Assert.Matches(@" \d+-500 of 500 ", TitleOf(dashboard));

        dashboard.Press(Key.PageUp);
        dashboard.Press(Key.PageUp);
        Assert.DoesNotContain(last.TrimEnd(), dashboard.Screen);
        Assert.Contains(CursorLine(dashboard).TrimEnd(), dashboard.Screen);
    }

    [Fact]
    public void What_the_thread_reader_cannot_count_reads_n_a_and_the_title_says_why()
    {
        using var dashboard = Attached(snapshot: CannedSnapshots.ServicePortable());

        Assert.Contains("n/a: NAME WAIT% BLK/s, not counted by the portable thread reader", TitleOf(dashboard));
        // Nameless threads do not fold into one group of "": each keeps its row.
        var hot = dashboard.Lines.Single(l => l.Contains(" 7790 "));
        Assert.Matches(@"7790 n/a .* 95\.0 .* n/a +n/a ", hot);
        // /proc counts them all: no note, figures in every cell.
        using var proc = Attached();
        Assert.DoesNotContain("n/a", string.Join('\n', proc.Lines));
    }

    [Fact]
    public void Where_the_reader_counts_every_switch_together_the_column_is_csw_and_the_title_says_so()
    {
        using var dashboard = Attached(snapshot: CannedSnapshots.ServiceOnWindows());

        Assert.Contains("n/a: WAIT%, not counted by the windows thread reader  CSW/s = blocked + preempted", TitleOf(dashboard));
        Assert.Contains(dashboard.Lines, l => Regex.IsMatch(l, @"WAIT% +CSW/s"));
        Assert.Matches(@" convoy .* n/a +900 ", dashboard.Lines.Single(l => l.Contains(" convoy ")));
        // b sorts by the switches shown: the convoy first.
        dashboard.Press(new Key('b'));
        Assert.Equal("convoy", Order(dashboard)[0]);
    }
}
