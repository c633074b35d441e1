using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format markdown`: a GitHub table with the context and the reading as lists, ready to paste into docs.</summary>
public sealed class ComparisonMarkdownWriter : IComparisonWriter
{
    public void Write(ComparisonReport report, TextWriter output)
    {
        foreach (var line in ComparisonCells.Context(report)) output.WriteLine("- " + line);
        output.WriteLine();
        output.WriteLine(Line(ComparisonCells.Header));
        output.WriteLine(Line(ComparisonCells.Header.Select((_, i) => i <= 1 ? "---" : "---:").ToArray()));
        foreach (var row in report.Rows) output.WriteLine(Line(ComparisonCells.Row(row)));
        output.WriteLine();
        foreach (var line in ComparisonCells.Footer(report)) output.WriteLine("- " + line);
    }

    private static string Line(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
