using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tests.Tui;

public class SparklineTests
{
    [Fact]
    public void One_cell_per_sample_interval_newest_at_the_right()
    {
        var history = new SeriesHistory();
        for (int t = 1; t <= 9; t++)
        {
            history.Add(t, t * 100.0 / 8 - 12.5);
        }

        string line = Sparkline.Render(history, now: 9, max: 100, interval: 1, width: 60, Glyphs.Unicode);

        Assert.Equal(new string(' ', 51) + "▁▂▃▄▅▅▆▇█", line);
    }

    [Fact]
    public void A_narrow_sparkline_still_covers_a_minute_with_wider_buckets()
    {
        var history = new SeriesHistory();
        for (int t = 1; t <= 60; t++)
        {
            history.Add(t, t <= 30 ? 0 : 100);
        }

        Assert.Equal("▁▁▁███", Sparkline.Render(history, now: 60, max: 100, interval: 1, width: 6, Glyphs.Unicode));
    }

    [Fact]
    public void History_keeps_only_the_last_minute()
    {
        var history = new SeriesHistory();
        for (int t = 0; t <= 120; t++)
        {
            history.Add(t, 1);
        }

        Assert.Equal(60, history.Samples.First().T);
    }

    [Fact]
    public void Ascii_fallback_uses_plain_characters()
    {
        var history = new SeriesHistory();
        history.Add(1, 0);
        history.Add(2, 100);

        Assert.EndsWith(" _@", Sparkline.Render(history, 2, 100, 1, 60, Glyphs.Ascii));
    }
}
