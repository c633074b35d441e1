namespace Monitor.Tui.Text;

public static class Bar
{
    /// <summary>A horizontal bar, <paramref name="fraction"/> of <paramref name="width"/> cells filled.</summary>
    public static string Render(double fraction, int width, Glyphs glyphs)
    {
        if (width <= 0)
        {
            return "";
        }
        int filled = (int)Math.Round(Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1) * width);
        return new string(glyphs.BarFull, filled) + new string(glyphs.BarEmpty, width - filled);
    }
}
