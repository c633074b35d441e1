using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.Model;
using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format json`: the comparison's <see cref="ComparisonLine"/>, indented.</summary>
public sealed class ComparisonJsonWriter : IComparisonWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(ComparisonReport report, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Indented)) JsonSerializer.Serialize(w, ComparisonJson.Line(report), MonitorJsonContext.Default.ComparisonLine);
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
