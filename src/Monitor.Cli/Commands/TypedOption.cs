using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Monitor.Cli.Hosting;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>
/// Options whose values are parsed and checked where they are declared: the value's type, its words or its range,
/// its help and its completions come from one declaration. A bad value is a parse error, refused before anything runs
/// with one line naming it (see <see cref="CommandLineHost"/>). Limits that depend on another option (how many workers
/// a mode allows) are <see cref="WorkloadSpec.Validate"/>'s, the one place that knows them all.
/// </summary>
public static class TypedOption
{
    /// <summary>One of an enum's words (<see cref="Words"/>): `--mode threads`.</summary>
    /// <param name="what">how the error names the value: "unknown mode 'fibers'".</param>
    public static DefaultedOption<T> Word<T>(string name, string what, T defaultValue, string description, params string[] aliases) where T : struct, Enum
    {
        var option = new DefaultedOption<T>(name, defaultValue, aliases)
        {
            Description = $"{description} (default: {defaultValue.Name()})",
            HelpName = Words.Choices<T>("|"),
            CustomParser = result => Parse<T?>(result, null, text =>
                Words.TryParse<T>(text, out var value) ? value : throw new UsageException($"unknown {what} '{text}': use {Words.Choices<T>(", ")}")),
        };
        option.CompletionSources.Add(Enum.GetValues<T>().Select(v => v.Name()).ToArray());
        return option;
    }

    /// <summary>A whole number (100000000, 100_000_000, 1e8) in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static DefaultedOption<long> WholeNumber(string name, long min, long max, long defaultValue, string description, params string[] aliases) =>
        new(name, defaultValue, aliases)
        {
            Description = $"{description}, {min}..{max} (default: {defaultValue})",
            CustomParser = result => Parse<long?>(result, null, text => InRange(NumberParser.ParseCount(text, name, $"{min}..{max}"), min, max, name, text)),
        };

    /// <summary>A whole number checked later against other options (null when not given).</summary>
    /// <param name="range">its bounds in words, for a value beyond any 64-bit number ("1..100000000").</param>
    public static Option<long?> OptionalWholeNumber(string name, string range, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        CustomParser = result => Parse<long?>(result, null, text => NumberParser.ParseCount(text, name, range)),
    };

    /// <summary>N: 1..<see cref="WorkloadLimits.MaxN"/>, or `auto` (null: calibrated so one thread takes ~10 s).</summary>
    public static Option<long?> N(params string[] aliases) => new("--n", aliases)
    {
        // System.CommandLine's help keeps one of aliases that differ only by prefix (shows "-n", hides "--n", the
        // documented spelling): the description names both.
        Description = $"(--n or -n) sum 0..N-1, N at most {WorkloadLimits.MaxN:0e0}: 100000000, 100_000_000, 1e8, or auto (~10 s single-threaded here)",
        DefaultValueFactory = _ => null,
        CustomParser = result => Parse(result, null, NumberParser.ParseN),
    };

    /// <summary>A span in milliseconds, within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static DefaultedOption<TimeSpan> Milliseconds(string name, TimeSpan min, TimeSpan max, TimeSpan defaultValue, string description) =>
        new(name, defaultValue)
        {
            Description = $"{description}, {min.TotalMilliseconds:0}..{max.TotalMilliseconds:0} (default: {defaultValue.TotalMilliseconds:0})",
            HelpName = "ms",
            CustomParser = result => Parse<TimeSpan?>(result, null, text => TimeSpan.FromMilliseconds(
                InRange(NumberParser.ParseCount(text, name, $"{min.TotalMilliseconds:0}..{max.TotalMilliseconds:0} ms"),
                    (long)min.TotalMilliseconds, (long)max.TotalMilliseconds, name, text, " ms"))),
        };

    /// <summary>0, or a number (fractions allowed) in [<paramref name="min"/>, <paramref name="max"/>]: a replay's
    /// speed, where 0 means no waiting at all.</summary>
    public static DefaultedOption<double> ZeroOrBetween(string name, double min, double max, double defaultValue, string description) => new(name, defaultValue)
    {
        Description = $"{description}; 0 or {Number(min)}..{Number(max)} (default: {Number(defaultValue)})",
        CustomParser = result => Parse<double?>(result, null, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                && (value == 0 || (value >= min && value <= max))
                ? value
                : throw new UsageException($"{name} must be 0 or {Number(min)}..{Number(max)} (got {text})")),
    };

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static long InRange(long value, long min, long max, string name, string text, string unit = "") =>
        value >= min && value <= max ? value : throw new UsageException($"{name} must be {min}..{max}{unit} (got {text})");

    /// <summary>The last token's value through <paramref name="parse"/>; its complaint becomes the parse error.</summary>
    private static T Parse<T>(ArgumentResult result, T fallback, Func<string, T> parse)
    {
        if (result.Tokens.Count == 0) return fallback;
        try
        {
            return parse(result.Tokens[^1].Value);
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
            return fallback;
        }
    }
}

/// <summary>An option whose default is applied when it is read (<see cref="ValueIn"/>), not by the parser: the help
/// then says the default in the option's own words ("threads", "1000") instead of the type's ToString.</summary>
public sealed class DefaultedOption<T>(string name, T defaultValue, params string[] aliases) : Option<T?>(name, aliases) where T : struct
{
    public T Default { get; } = defaultValue;

    public T ValueIn(ParseResult parse) => parse.GetValue(this) ?? Default;
}
