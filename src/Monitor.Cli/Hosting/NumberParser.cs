using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Monitor.Model;

namespace Monitor.Cli.Hosting;

/// <summary>Parses counts the way people write them: 100000000, 100_000_000, 1e8. Nothing else: a value that only
/// rounds to an integer (2.00000000000000001) or uses another separator (3,0 is thirty in one locale and three in
/// another) is refused rather than guessed.</summary>
public static partial class NumberParser
{
    /// <summary>Parses N; null means "auto".</summary>
    public static long? ParseN(string text)
    {
        text = text.Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return null;
        var n = ParseInteger(text, "N");
        if (n <= 0) throw new UsageException($"N must be a positive integer (got {text})");
        if (n > WorkloadLimits.MaxN) throw new UsageException($"N must be at most {WorkloadLimits.MaxN:0.#e0} ({WorkloadLimits.MaxN:N0}); got {text}");
        return (long)n;
    }

    /// <summary>A whole number that fits 64 signed bits; beyond them the error says <paramref name="range"/> (the
    /// caller's own bounds) rather than a clamped value nobody typed.</summary>
    public static long ParseCount(string text, string what, string? range = null)
    {
        var value = ParseInteger(text, what);
        if (value < long.MinValue || value > long.MaxValue)
        {
            throw new UsageException(range is null ? $"{what} is out of range (got {text})" : $"{what} must be {range} (got {text})");
        }
        return (long)value;
    }

    /// <summary>An integer, with optional '_' between digits, or in scientific notation (1e8, 2.5e9) when the value it
    /// denotes is exactly an integer. Throws <see cref="UsageException"/> for anything else.</summary>
    private static BigInteger ParseInteger(string text, string what)
    {
        string trimmed = text.Trim();
        var plain = Plain().Match(trimmed);
        if (plain.Success)
        {
            string digits = plain.Groups["digits"].Value.Replace("_", "", StringComparison.Ordinal);
            return BigInteger.Parse(plain.Groups["sign"].Value + digits, CultureInfo.InvariantCulture);
        }
        var scientific = Scientific().Match(trimmed);
        if (scientific.Success)
        {
            string whole = scientific.Groups["whole"].Value;
            string fraction = scientific.Groups["fraction"].Value.TrimEnd('0');
            bool negative = scientific.Groups["sign"].Value == "-";
            // Past this exponent no count fits 64 bits whatever its digits: say so without computing 10^huge.
            if (!int.TryParse(scientific.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exponent)
                || exponent > 400)
            {
                if ((whole + fraction).All(c => c == '0')) return BigInteger.Zero;
                if (scientific.Groups["exponent"].Value.StartsWith('-')) throw new UsageException($"{what} must be a whole number (got {text})");
                return negative ? -BigInteger.Pow(10, 400) : BigInteger.Pow(10, 400);
            }
            var mantissa = BigInteger.Parse(whole + fraction, CultureInfo.InvariantCulture);
            int shift = exponent - fraction.Length;
            if (shift < 0)
            {
                var divisor = BigInteger.Pow(10, Math.Min(-shift, 4000));
                if (mantissa % divisor != 0) throw new UsageException($"{what} must be a whole number (got {text})");
                mantissa /= divisor;
            }
            else
            {
                mantissa *= BigInteger.Pow(10, shift);
            }
            return negative ? -mantissa : mantissa;
        }
        if (Decimal().IsMatch(trimmed)) throw new UsageException($"{what} must be a whole number (got {text})");
        throw new UsageException($"{what} must be a whole number such as 100000000, 100_000_000 or 1e8 (got '{text}')");
    }

    /// <summary>Digits, optionally grouped by single underscores between them.</summary>
    [GeneratedRegex(@"^(?<sign>[+-]?)(?<digits>[0-9]+(?:_[0-9]+)*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<whole>[0-9]+)(?:\.(?<fraction>[0-9]+))?[eE](?<exponent>[+-]?[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Scientific();

    [GeneratedRegex(@"^[+-]?[0-9]*\.[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Decimal();
}
