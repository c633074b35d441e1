using System.Globalization;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Cli.Hosting;

/// <summary>Parses counts the way people write them: 100000000, 100_000_000, 1e8.</summary>
public static class NumberParser
{
    /// <summary>Parses N; null means "auto".</summary>
    public static long? ParseN(string text)
    {
        text = text.Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return null;
        long n = ParseCount(text, "N");
        if (n <= 0) throw new UsageException($"N must be a positive integer (got {text})");
        if (n > WorkloadLimits.MaxN) throw new UsageException($"N must be at most {WorkloadLimits.MaxN:0.#e0} ({WorkloadLimits.MaxN:N0}); got {text}");
        return n;
    }

    /// <summary>An integer, with optional '_' or ',' separators, or in scientific notation if it is whole.</summary>
    public static long ParseCount(string text, string what)
    {
        string plain = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (plain.Length > 0 && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }
        if (plain.Length > 0 && !plain.Contains("Infinity", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            if (d != Math.Floor(d)) throw new UsageException($"{what} must be a whole number (got {text})");
            if (d > long.MaxValue) return long.MaxValue;
            if (d < long.MinValue) return long.MinValue;
            return (long)d;
        }
        throw new UsageException($"{what} must be a number such as 100000000, 100_000_000 or 1e8 (got '{text}')");
    }
}
