using System.Globalization;

namespace Monitor.Tui.Text;

/// <summary>Short, fixed-culture number formats for narrow columns.</summary>
public static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, Invariant);

    /// <summary>12, 1.5k, 3.2M, 4.0G: rates and counts in at most 6 characters.</summary>
    public static string Count(double value) => Math.Abs(value) switch
    {
        >= 1e12 => Fixed(value / 1e12, 1) + "T",
        >= 1e9 => Fixed(value / 1e9, 1) + "G",
        >= 1e6 => Fixed(value / 1e6, 1) + "M",
        >= 1e4 => Fixed(value / 1e3, 0) + "k",
        >= 1e3 => Fixed(value / 1e3, 1) + "k",
        >= 10 => Fixed(value, 0),
        _ => Fixed(value, value == Math.Floor(value) ? 0 : 1),
    };

    /// <summary>N as the user types it: 1e9, 4e10, 25e6 (exact for the powers of ten the keys step through).</summary>
    public static string N(long n)
    {
        if (n < 10_000)
        {
            return n.ToString(Invariant);
        }
        int exponent = 0;
        long mantissa = n;
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        return exponent >= 3 ? $"{mantissa}e{exponent}" : n.ToString("N0", Invariant);
    }

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1L << 30 => Fixed(bytes / (1L << 30), 2) + " GB",
        >= 100L << 20 => Fixed(bytes / (1L << 20), 0) + " MB",
        >= 1L << 20 => Fixed(bytes / (1L << 20), 1) + " MB",
        >= 1L << 10 => Fixed(bytes / (1L << 10), 0) + " KB",
        _ => Fixed(bytes, 0) + " B",
    };

    /// <summary>Whole megabytes, for the "K runtimes × 52 MB" arithmetic where decimals would only distract.</summary>
    public static string WholeMegabytes(double bytes) => Fixed(Math.Round(bytes / (1L << 20)), 0) + " MB";

    public static string Duration(double ms) => ms switch
    {
        >= 600_000 => $"{(int)(ms / 60_000)}m{(int)(ms % 60_000 / 1000):00}s",
        >= 10_000 => Fixed(ms / 1000, 1) + " s",
        >= 1_000 => Fixed(ms / 1000, 2) + " s",
        _ => Fixed(ms, 0) + " ms",
    };

    public static string Percent(double percent) => Fixed(percent, percent >= 100 ? 0 : 1);
}
