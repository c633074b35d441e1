using System.Globalization;
using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format csv`: a header of the JSON field names, then one line per row (RFC 4180 quoting); an unmeasured
/// value is an empty field. Nothing else is written to stdout: notes go to stderr.</summary>
public sealed class ComparisonCsvWriter : IComparisonWriter
{
    public void Write(ComparisonReport report, TextWriter output)
    {
        output.WriteLine(string.Join(',', ComparisonRowFields.All.Select(f => f.Name)));
        foreach (var row in report.Rows)
        {
            output.WriteLine(string.Join(',', ComparisonRowFields.All.Select(f => Field(f.Value(row)))));
        }
        foreach (var note in report.Notes) Console.Error.WriteLine($"monitor: note: {note}");
    }

    private static string Field(object? value)
    {
        string text = value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
