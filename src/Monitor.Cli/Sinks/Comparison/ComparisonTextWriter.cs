using Monitor.Sessions.Comparison;
using Monitor.Model;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format table`: aligned columns for a terminal, the context above, the reading below.</summary>
public sealed class ComparisonTextWriter : IComparisonWriter
{
    public void Write(ComparisonReport report, TextWriter output)
    {
        foreach (var line in ComparisonCells.Context(report)) output.WriteLine(line);
        output.WriteLine();
        foreach (var line in Format.Table(ComparisonCells.Header, report.Rows.Select(ComparisonCells.Row))) output.WriteLine(line);
        output.WriteLine();
        foreach (var line in ComparisonCells.Footer(report)) output.WriteLine(line);
    }
}
