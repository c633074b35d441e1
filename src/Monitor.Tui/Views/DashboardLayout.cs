using System.Drawing;
using Monitor.Tui.Panels;

namespace Monitor.Tui.Views;

/// <summary>Where everything goes; <see cref="Panels"/> in the order of the panels the layout was given.</summary>
public sealed record DashboardFrames(bool TooSmall, Rectangle Header, IReadOnlyList<Rectangle> Panels, Rectangle KeyBar, Rectangle Help);

/// <summary>
/// Where the panels go: stacked in their order between the header and the key bar, each with the rows its
/// <see cref="PanelPlacement"/> gives it. With the registry's panels, at 80x24 contention and memory get two body
/// rows and results two; extra height goes first to threads, then results, then contention and memory, as far as
/// each has rows to show, and the rest to results; extra width puts contention and memory side by side. Below 80x24
/// (or the panels' minimum rows) nothing fits readably.
/// </summary>
public static class DashboardLayout
{
    public const int MinWidth = 80;
    public const int MinHeight = 24;
    public const int HeaderRows = 2;
    public const int KeyBarRows = 2;
    private const int SideBySideWidth = 140;

    /// <summary>The height below which the dashboard gives up: 24, or more when the panels' minimums need it.</summary>
    public static int MinHeightFor(IReadOnlyList<PanelDefinition> panels) =>
        Math.Max(MinHeight, HeaderRows + KeyBarRows + panels.Sum(p => p.Placement.MinRows + p.RowsAroundBody));

    /// <param name="wantedRows">The body rows each panel has to show, in the order of <paramref name="panels"/>.</param>
    /// <param name="shown">Which of the panels have a place now (null: all); a hidden one gets an empty frame and
    /// takes no rows, also from the minimum height.</param>
    public static DashboardFrames Compute(
        Size screen, IReadOnlyList<PanelDefinition> panels, IReadOnlyList<int> wantedRows, int helpRows, IReadOnlyList<bool>? shown = null)
    {
        int width = screen.Width, height = screen.Height;
        var help = HelpFrame(screen, helpRows);
        if (shown is not null && shown.Contains(false))
        {
            var placed = Enumerable.Range(0, panels.Count).Where(i => shown[i]).ToList();
            var some = Compute(screen, [.. placed.Select(i => panels[i])], [.. placed.Select(i => wantedRows[i])], helpRows);
            var all = new Rectangle[panels.Count];
            for (int k = 0; k < placed.Count; k++)
            {
                all[placed[k]] = some.Panels[k];
            }
            return some with { Panels = all };
        }
        if (width < MinWidth || height < MinHeightFor(panels))
        {
            var none = Rectangle.Empty;
            return new DashboardFrames(true, none, [.. panels.Select(_ => none)], none, help);
        }

        // Panels sharing rows (small ones side by side) form a group, as tall as its tallest member needs.
        var groups = Groups(panels, width >= SideBySideWidth);
        int[] groupOf = new int[panels.Count];
        int[] rows = new int[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (int i in groups[g])
            {
                groupOf[i] = g;
                rows[g] = Math.Max(rows[g], panels[i].Placement.MinRows + panels[i].RowsAroundBody);
            }
        }
        int spare = height - HeaderRows - KeyBarRows - rows.Sum();

        void Grow(int i)
        {
            var panel = panels[i];
            int wanted = Math.Min(wantedRows[i], panel.Placement.MaxRows) + panel.RowsAroundBody;
            int add = Math.Clamp(wanted - rows[groupOf[i]], 0, spare);
            rows[groupOf[i]] += add;
            spare -= add;
        }
        // Full-width panels first, then the small ones; each in the list's order (OrderBy keeps it).
        foreach (int i in Enumerable.Range(0, panels.Count).OrderBy(i => panels[i].Placement.IsSmall))
        {
            Grow(i);
        }
        // Without the panel meant for them (hidden), the first full-width one: blank rows under the last panel would
        // look like a broken screen.
        int taker = Enumerable.Range(0, panels.Count).FirstOrDefault(i => panels[i].Placement.TakesSpareRows,
            Enumerable.Range(0, panels.Count).FirstOrDefault(i => !panels[i].Placement.IsSmall, -1));
        if (taker >= 0)
        {
            // Rows nobody asked for go to the panel that can use them later (the results only ever grow).
            rows[groupOf[taker]] += spare;
        }

        var frames = new Rectangle[panels.Count];
        int y = HeaderRows;
        for (int g = 0; g < groups.Count; g++)
        {
            int n = groups[g].Count;
            for (int k = 0; k < n; k++)
            {
                // A blank column between neighbours; the last one takes the odd column.
                int x = k * width / n, right = k == n - 1 ? width : (k + 1) * width / n - 1;
                frames[groups[g][k]] = new Rectangle(x, y, right - x, rows[g]);
            }
            y += rows[g];
        }
        var header = new Rectangle(0, 0, width, HeaderRows);
        var keyBar = new Rectangle(0, height - KeyBarRows, width, KeyBarRows);
        return new DashboardFrames(false, header, frames, keyBar, help);
    }

    /// <summary>The panels' indices, one group per band of rows: small neighbours together when side by side.</summary>
    private static List<List<int>> Groups(IReadOnlyList<PanelDefinition> panels, bool sideBySide)
    {
        var groups = new List<List<int>>();
        for (int i = 0; i < panels.Count; i++)
        {
            if (sideBySide && i > 0 && panels[i].Placement.IsSmall && panels[i - 1].Placement.IsSmall)
            {
                groups[^1].Add(i);
            }
            else
            {
                groups.Add([i]);
            }
        }
        return groups;
    }

    private static Rectangle HelpFrame(Size screen, int helpRows) => OverlayFrame(screen, helpRows, 84);

    /// <summary>A bordered box over the middle of the screen for <paramref name="rows"/> rows of at most
    /// <paramref name="maxWidth"/> columns (the help, the process picker), cut to the screen.</summary>
    public static Rectangle OverlayFrame(Size screen, int rows, int maxWidth)
    {
        int w = Math.Min(maxWidth, Math.Max(0, screen.Width - 4));
        int h = Math.Min(rows + 2, Math.Max(0, screen.Height - 2));
        return new Rectangle((screen.Width - w) / 2, (screen.Height - h) / 2, w, h);
    }
}
