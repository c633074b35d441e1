using Monitor.Tui.Input;
using Monitor.Tui.Panels;
using Monitor.Tui.Text;
using Monitor.Tui.Views;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>The registry is what the dashboard is made of: every line of it gets a place, a Tab stop and its key.
/// The fake controller runs workloads, so the panels only shown while watching are left out here (the runtime panel
/// has its own tests).</summary>
public class PanelRegistryTests
{
    private static readonly IReadOnlyList<PanelDefinition> Registered = [.. PanelRegistry.All.Where(p => p.Title is not ("Hot methods" or "Runtime"))];

    /// <summary>A small panel with a key of its own, counting its presses on screen.</summary>
    private sealed class Probe
    {
        public int Presses;

        public PanelDefinition Definition => new("Probe",
            (_, width, _) => PanelContent.Lines(StyledLine.Plain($"probe pressed {Presses}")),
            _ => 1, PanelPlacement.Small)
        { Keys = [new('z', "zap", "count a press on the probe panel", _ => Presses++)] };
    }

    /// <summary>The registry with the probe before its last panel.</summary>
    private static IReadOnlyList<PanelDefinition> WithProbe(PanelDefinition probe) =>
        [.. Registered.Take(Registered.Count - 1), probe, Registered[^1]];

    /// <summary>The dashboard at this size, or as much taller as the panels need, after a gil snapshot.</summary>
    private static HeadlessDashboard Dashboard(int width, int height, IReadOnlyList<PanelDefinition> panels)
    {
        height = Math.Max(height, DashboardLayout.MinHeightFor(panels));
        var dashboard = new HeadlessDashboard(width, height, options: new() { LogicalCpus = 2, Panels = panels });
        dashboard.Controller.RaiseSnapshot(CannedSnapshots.Gil());
        dashboard.Settle();
        return dashboard;
    }

    /// <summary>Row and column of the panel's title rule ("─ Title ─...").</summary>
    private static (int Row, int Column) TitleAt(HeadlessDashboard dashboard, string title)
    {
        var lines = dashboard.Lines;
        for (int row = 0; row < lines.Count; row++)
        {
            int column = lines[row].IndexOf($"─ {title} ─", StringComparison.Ordinal);
            if (column >= 0) return (row, column);
        }
        throw new Xunit.Sdk.XunitException($"no title rule for {title}:\n{dashboard.Screen}");
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 60)]
    public void Every_registered_panel_shows_its_title_in_the_order_of_the_registry(int width, int height)
    {
        using var dashboard = Dashboard(width, height, Registered);

        var places = Registered.Select(p => TitleAt(dashboard, p.Title)).ToList();

        Assert.Equal(places.OrderBy(p => p.Row).ThenBy(p => p.Column), places);
        Assert.Equal(places.Count, places.Distinct().Count());
    }

    [Fact]
    public void The_registrys_own_keys_change_their_panel_and_no_other()
    {
        using var dashboard = Dashboard(120, 35, Registered);
        var views = dashboard.Monitor.Dashboard.Registered;
        var keyed = Registered.SelectMany(p => p.Keys.Select(key => (Panel: p, Key: key))).ToList();
        Assert.NotEmpty(keyed);

        foreach (var (panel, key) in keyed)
        {
            var before = views.Select(v => v.Content).ToList();
            dashboard.Press(new Key(key.Char));

            for (int i = 0; i < views.Count; i++)
            {
                bool changed = !views[i].Content.SameAs(before[i]);
                Assert.True(changed == (Registered[i] == panel), $"{key.Char}: {Registered[i].Title} changed: {changed}");
            }
            if (key.BarWord is not null)
            {
                Assert.Contains($"{key.Char} {key.BarWord} ", dashboard.Lines[^1]);
            }
            if (dashboard.Monitor.State.Editing is not null)
            {
                // A key that opens a text entry (the filter): closed again, so the next key is a key again.
                dashboard.Press(Key.Enter);
            }
        }
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 35)]
    [InlineData(200, 60)]
    public void A_panel_added_to_the_registry_gets_its_place_its_tab_stop_and_its_key(int width, int height)
    {
        var probe = new Probe();
        var panels = WithProbe(probe.Definition);
        using var dashboard = Dashboard(width, height, panels);

        var before = TitleAt(dashboard, Registered[^2].Title);
        var at = TitleAt(dashboard, "Probe");
        var after = TitleAt(dashboard, Registered[^1].Title);
        Assert.True(at.Row > before.Row || (at.Row == before.Row && at.Column > before.Column), dashboard.Screen);
        Assert.True(at.Row < after.Row, dashboard.Screen);
        Assert.Contains("probe pressed 0", dashboard.Screen);
        Assert.Contains("gil-worker-0", dashboard.Screen);
        string bar = dashboard.Lines[^1];
        if (width >= 120)
        {
            // After the registry's other keys, before how to move around (at 80 columns there is no room for it).
            int zap = bar.IndexOf("z zap ", StringComparison.Ordinal);
            Assert.True(zap > bar.IndexOf("r rec ", StringComparison.Ordinal) && zap < bar.IndexOf("tab panel", StringComparison.Ordinal), bar);
        }
        Assert.Contains("q quit", bar);

        dashboard.Press(Key.Z);
        dashboard.Press(Key.Z.WithShift);
        Assert.Contains("probe pressed 2", dashboard.Screen);

        for (int i = 0; i < panels.Count - 2; i++)
        {
            dashboard.Press(Key.Tab);
        }
        Assert.True(dashboard.Monitor.Dashboard.Panel("Probe").Selected);

        dashboard.Press(new Key('?'));
        Assert.Contains("count a press on the probe panel", dashboard.Screen);
    }

    [Fact]
    public void A_panel_key_without_a_bar_word_is_listed_only_in_the_help()
    {
        var probe = new Probe();
        var quiet = probe.Definition with { Keys = [probe.Definition.Keys[0] with { BarWord = null }] };
        using var without = Dashboard(80, 24, Registered);
        using var dashboard = Dashboard(80, 24, [.. Registered, quiet]);

        Assert.Equal(without.Lines[^1], dashboard.Lines[^1]);
        dashboard.Press(Key.Z);
        Assert.Contains("probe pressed 1", dashboard.Screen);
        dashboard.Press(Key.F1);
        Assert.Contains("count a press on the probe panel", dashboard.Screen);
    }

    [Fact]
    public void Panels_that_need_more_than_24_rows_raise_the_minimum_height_rather_than_overlap()
    {
        // Six panels of four body rows and a title: 30 rows, with the header and the key bar 34.
        var tall = new PanelDefinition("Tall", (_, _, _) => PanelContent.Lines(StyledLine.Plain("tall")), _ => 1, PanelPlacement.FullWidth(minRows: 4));
        IReadOnlyList<PanelDefinition> panels = [.. Enumerable.Range(1, 6).Select(i => tall with { Title = $"Tall {i}" })];

        using (var dashboard = new HeadlessDashboard(80, 33, options: new() { LogicalCpus = 2, Panels = panels }))
        {
            Assert.Contains("terminal too small: 80x33, need 80x34", dashboard.Screen);
        }
        using (var dashboard = new HeadlessDashboard(80, 34, options: new() { LogicalCpus = 2, Panels = panels }))
        {
            Assert.Equal(2 + 5 * 5, TitleAt(dashboard, "Tall 6").Row);
            Assert.StartsWith("1-4 mode", dashboard.Lines[^1]);
        }
    }

    [Theory]
    [InlineData('q')]
    [InlineData('E')]
    [InlineData('k')]
    [InlineData('U')]
    [InlineData('/')]
    public void A_panel_key_that_is_already_bound_is_refused(char taken)
    {
        var probe = new Probe().Definition;
        var clash = probe with { Keys = [probe.Keys[0] with { Char = taken }] };

        Assert.Throws<ArgumentException>(() => new KeyMap([.. Registered, clash]));
    }
}
