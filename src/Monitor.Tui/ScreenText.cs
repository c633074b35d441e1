using System.Text;
using Terminal.Gui.App;

namespace Monitor.Tui;

/// <summary>The screen as plain text lines, for tests and for text captures in docs/.</summary>
public static class ScreenText
{
    public static IReadOnlyList<string> Lines(IApplication app)
    {
        var contents = app.Driver?.Contents ?? throw new InvalidOperationException("the application has no driver");
        var lines = new List<string>(contents.GetLength(0));
        for (int row = 0; row < contents.GetLength(0); row++)
        {
            var line = new StringBuilder(contents.GetLength(1));
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                string grapheme = contents[row, col].Grapheme;
                line.Append(string.IsNullOrEmpty(grapheme) ? " " : grapheme);
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    public static string Text(IApplication app) => string.Join('\n', Lines(app));
}
