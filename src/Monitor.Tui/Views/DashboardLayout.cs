using System.Drawing;

namespace Monitor.Tui.Views;

/// <summary>How many body rows each panel would like to show.</summary>
public sealed record PanelDemand(int ThreadRows, int ContentionRows, int MemoryRows, int ResultRows);

public sealed record DashboardFrames(
    bool TooSmall,
    Rectangle Header,
    Rectangle Threads,
    Rectangle Contention,
    Rectangle Memory,
    Rectangle Results,
    Rectangle KeyBar,
    Rectangle Help);

/// <summary>
/// Where the panels go. At 80x24 everything is stacked with two body rows for contention and memory and two result
/// rows; extra height goes first to threads, then results, then contention and memory, as far as each has rows to
/// show, and the rest to results; extra width puts contention and memory side by side. Below 80x24 nothing fits readably.
/// </summary>
public static class DashboardLayout
{
    public const int MinWidth = 80;
    public const int MinHeight = 24;
    public const int HeaderRows = 2;
    public const int KeyBarRows = 2;
    private const int SideBySideWidth = 140;
    private const int MaxSmallPanelBody = 8;

    public static DashboardFrames Compute(Size screen, PanelDemand demand, int helpRows)
    {
        int width = screen.Width, height = screen.Height;
        var help = HelpFrame(screen, helpRows);
        if (width < MinWidth || height < MinHeight)
        {
            var none = Rectangle.Empty;
            return new DashboardFrames(true, none, none, none, none, none, none, help);
        }

        // Body rows; each panel also has a title row, threads and results a column header row.
        int threads = 4, contention = 2, memory = 2, results = 2;
        bool sideBySide = width >= SideBySideWidth;
        int Used() => threads + 2 + results + 2 + (sideBySide ? Math.Max(contention, memory) + 1 : contention + memory + 2);
        int spare = height - HeaderRows - KeyBarRows - Used();

        int Grow(ref int rows, int wanted, int limit)
        {
            int add = Math.Clamp(Math.Min(wanted, limit) - rows, 0, spare);
            rows += add;
            return spare -= add;
        }
        Grow(ref threads, demand.ThreadRows, int.MaxValue);
        Grow(ref results, demand.ResultRows, int.MaxValue);
        Grow(ref contention, demand.ContentionRows, MaxSmallPanelBody);
        if (sideBySide)
        {
            memory = contention;
        }
        Grow(ref memory, demand.MemoryRows, MaxSmallPanelBody);
        if (sideBySide)
        {
            contention = memory = Math.Max(contention, memory);
            spare = height - HeaderRows - KeyBarRows - Used();
        }
        // Rows nobody asked for go to the results, the one panel that only ever grows.
        results += Math.Max(0, spare);

        int y = 0;
        Rectangle Take(int rows, int x = 0, int w = -1)
        {
            var frame = new Rectangle(x, y, w < 0 ? width : w, rows);
            y += rows;
            return frame;
        }
        var header = Take(HeaderRows);
        var threadsFrame = Take(threads + 2);
        Rectangle contentionFrame, memoryFrame;
        if (sideBySide)
        {
            int half = width / 2;
            contentionFrame = new Rectangle(0, y, half - 1, contention + 1);
            memoryFrame = new Rectangle(half, y, width - half, memory + 1);
            y += contention + 1;
        }
        else
        {
            contentionFrame = Take(contention + 1);
            memoryFrame = Take(memory + 1);
        }
        var resultsFrame = Take(results + 2);
        var keyBar = new Rectangle(0, height - KeyBarRows, width, KeyBarRows);
        return new DashboardFrames(false, header, threadsFrame, contentionFrame, memoryFrame, resultsFrame, keyBar, help);
    }

    private static Rectangle HelpFrame(Size screen, int helpRows)
    {
        int w = Math.Min(84, Math.Max(0, screen.Width - 4));
        int h = Math.Min(helpRows + 2, Math.Max(0, screen.Height - 2));
        return new Rectangle((screen.Width - w) / 2, (screen.Height - h) / 2, w, h);
    }
}
