using Monitor.Cli.Hosting;
using Monitor.Model;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>The output formats of `monitor compare`.</summary>
public enum ComparisonFormat { Table, Markdown, Csv, Json }

public static class ComparisonFormats
{
    public static IComparisonWriter WriterFor(ComparisonFormat format) => format switch
    {
        ComparisonFormat.Markdown => new ComparisonMarkdownWriter(),
        ComparisonFormat.Csv => new ComparisonCsvWriter(),
        ComparisonFormat.Json => new ComparisonJsonWriter(),
        _ => new ComparisonTextWriter(),
    };

    /// <summary>The writer for the format a user typed; throws <see cref="UsageException"/> for any other word.</summary>
    public static IComparisonWriter Parse(string text) => Words.TryParse<ComparisonFormat>(text, out var format)
        ? WriterFor(format)
        : throw new UsageException($"unknown format '{text}': use {Words.Choices<ComparisonFormat>(", ")}");
}
