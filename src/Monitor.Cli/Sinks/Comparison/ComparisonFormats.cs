using Monitor.Cli.Hosting;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>The output formats of `monitor compare`, by the name the user types.</summary>
public static class ComparisonFormats
{
    public const string Names = "table, markdown, csv or json";

    public static IComparisonWriter Parse(string text) => text.ToLowerInvariant() switch
    {
        "table" => new ComparisonTextWriter(),
        "markdown" or "md" => new ComparisonMarkdownWriter(),
        "csv" => new ComparisonCsvWriter(),
        "json" => new ComparisonJsonWriter(),
        _ => throw new UsageException($"unknown format '{text}': use {Names}"),
    };
}
