using Monitor.Tui.Text;
using Terminal.Gui.ViewBase;

namespace Monitor.Tui.Views;

/// <summary>Shown instead of the dashboard when the terminal is smaller than the layout needs.</summary>
public sealed class TooSmallView(Palette palette, Func<int> minHeight) : View
{
    public static string Message(int width, int height, int minHeight) =>
        $"terminal too small: {width}x{height}, need {DashboardLayout.MinWidth}x{minHeight}";

    protected override bool OnDrawingContent(DrawContext? context)
    {
        string message = Message(Viewport.Width, Viewport.Height, minHeight());
        string hint = "resize, or press q to quit";
        SetAttribute(palette[Tone.Bad]);
        DrawCentered(message, Viewport.Height / 2 - 1);
        SetAttribute(palette[Tone.Normal]);
        DrawCentered(hint, Viewport.Height / 2);
        return true;
    }

    private void DrawCentered(string text, int row)
    {
        if (text.Length > Viewport.Width)
        {
            text = text[..Viewport.Width];
        }
        Move(Math.Max(0, (Viewport.Width - text.Length) / 2), Math.Max(0, row));
        AddStr(text);
    }
}
