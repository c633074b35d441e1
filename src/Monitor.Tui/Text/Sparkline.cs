using Monitor.Tui.State;

namespace Monitor.Tui.Text;

public static class Sparkline
{
    /// <summary>
    /// The last minute of a series as one cell per time bucket, newest at the right edge, right-aligned in
    /// <paramref name="width"/>. A bucket is never shorter than the sampling interval, so a wide panel does not show
    /// gaps between samples. Values are scaled to <paramref name="max"/>; buckets without samples stay blank.
    /// </summary>
    public static string Render(SeriesHistory? history, double now, double max, double interval, int width, Glyphs glyphs)
    {
        if (width <= 0)
        {
            return "";
        }
        double window = SeriesHistory.WindowSeconds;
        int columns = Math.Clamp((int)Math.Floor(window / Math.Max(interval, 0.05)), 1, width);
        double bucket = window / columns;
        var sums = new double[columns];
        var counts = new int[columns];
        foreach (var (t, value) in history?.Samples ?? [])
        {
            // Buckets end at the newest sample; the epsilon keeps samples exactly one bucket apart in separate cells.
            int back = (int)Math.Floor((now - t) / bucket + 1e-6);
            if (back >= 0 && back < columns)
            {
                sums[columns - 1 - back] += value;
                counts[columns - 1 - back]++;
            }
        }
        var cells = new char[columns];
        int top = glyphs.SparkLevels.Length - 1;
        for (int i = 0; i < columns; i++)
        {
            if (counts[i] == 0)
            {
                cells[i] = ' ';
                continue;
            }
            double fraction = max > 0 ? Math.Clamp(sums[i] / counts[i] / max, 0, 1) : 0;
            cells[i] = glyphs.SparkLevels[1 + (int)Math.Round(fraction * (top - 1))];
        }
        return new string(cells).PadLeft(width);
    }
}
