namespace Monitor.Tui.Text;

/// <summary>The characters the panels draw with: block elements, or plain ASCII for terminals that lack them.</summary>
public sealed record Glyphs(
    string SparkLevels,
    char BarFull,
    char BarEmpty,
    char Rule,
    string Collapsed,
    string Expanded,
    string Times,
    string Recording,
    string Descending,
    string Ascending,
    string CalledFrom)
{
    public static readonly Glyphs Unicode = new(" ▁▂▃▄▅▆▇█", '█', '░', '─', "▸", "▾", "×", "●", "↓", "↑", "←");

    public static readonly Glyphs Ascii = new(" _.-=+*#@", '#', '.', '-', ">", "v", "x", "*", "v", "^", "<");
}
