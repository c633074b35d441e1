using System.Globalization;

namespace Monitor.Model;

/// <summary>Number formats shared by the text outputs.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>1.2e9-style for rates and big counts.</summary>
    public static string Short(double value) => value switch
    {
        >= 1e12 => (value / 1e12).ToString("0.0", Invariant) + "T",
        >= 1e9 => (value / 1e9).ToString("0.00", Invariant) + "G",
        >= 1e6 => (value / 1e6).ToString("0.0", Invariant) + "M",
        >= 1e3 => (value / 1e3).ToString("0.0", Invariant) + "k",
        _ => value.ToString("0", Invariant),
    };

    public static string Duration(double ms) => ms >= 10_000
        ? (ms / 1000).ToString("0.0", Invariant) + " s"
        : ms >= 1000 ? (ms / 1000).ToString("0.00", Invariant) + " s" : ms.ToString("0.0", Invariant) + " ms";

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Invariant) + "%";

    public static string Bar(double fraction, int width)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new string('#', filled) + new string('-', width - filled);
    }

    /// <summary>Left-aligned columns separated by two spaces.</summary>
    public static IEnumerable<string> Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            yield return string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();
        }
    }
}
