using System.Text.Json;
using Monitor.Model;
using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format csv`: a header of the JSON rows' field names, then each row's JSON values in that order (RFC 4180
/// quoting); an unmeasured value is an empty field. Nothing else is written to stdout: notes go to stderr.</summary>
public sealed class ComparisonCsvWriter : IComparisonWriter
{
    public void Write(ComparisonReport report, TextWriter output)
    {
        output.WriteLine(string.Join(',', ComparisonJson.RowFields));
        foreach (var row in report.Rows)
        {
            var values = JsonSerializer.SerializeToElement(ComparisonJson.Row(row), MonitorJsonContext.Default.ComparisonRowLine)
                .EnumerateObject().ToDictionary(field => field.Name, field => Text(field.Value));
            output.WriteLine(string.Join(',', ComparisonJson.RowFields.Select(name => Quoted(values.GetValueOrDefault(name, "")))));
        }
        foreach (var note in report.Notes) Console.Error.WriteLine($"monitor: note: {note}");
    }

    /// <summary>The value as the JSON writes it, a string unquoted.</summary>
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Quoted(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
