using System.Text;
using System.Text.Json;
using Monitor.Sessions.Comparison;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>`--format json`: one JSON document: the settings, the machine's capacity, one thread's rate per runtime,
/// the rows (fields of <see cref="ComparisonRowFields"/>), notes and the reading.</summary>
public sealed class ComparisonJsonWriter : IComparisonWriter
{
    public void Write(ComparisonReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var s = report.Settings;
            var c = report.Capacity;
            w.WriteStartObject();
            w.WriteString("type", "comparison");
            w.WriteString("date", report.Date.ToString("O"));
            w.WriteNumber("workers", s.Workers);
            w.WriteString("work", s.Work.ToString().ToLowerInvariant());
            w.WriteNumber("repeat", s.Repeat);
            w.WriteStartObject("capacity");
            w.WriteNumber("logicalCpus", c.LogicalCpus);
            w.WriteNumber("workers", c.Workers);
            w.WriteNumber("parallelism", Math.Round(c.Parallelism, 3));
            w.WriteNumber("singleIterationsPerSec", Math.Round(c.SingleRate));
            w.WriteNumber("parallelIterationsPerSec", Math.Round(c.ParallelRate));
            if (c.OtherCpuPercent is { } o) w.WriteNumber("otherCpuPercent", Math.Round(o, 1));
            if (c.Uncertain is { } uncertain) w.WriteString("uncertain", uncertain);
            w.WriteEndObject();
            w.WriteStartObject("singleThreadIterationsPerSec");
            foreach (var (runtime, rate) in report.SingleThreadRates) w.WriteNumber(runtime == WorkerRuntime.Dotnet ? "dotnet" : "python", Math.Round(rate));
            w.WriteEndObject();
            w.WriteBoolean("otherLoadSignificant", report.OtherLoadSignificant);
            w.WriteStartArray("rows");
            foreach (var row in report.Rows)
            {
                w.WriteStartObject();
                foreach (var (name, value) in ComparisonRowFields.All)
                {
                    switch (value(row))
                    {
                        case null: break; // not measured: left out, as in run's result line
                        case string text: w.WriteString(name, text); break;
                        case bool b: w.WriteBoolean(name, b); break;
                        case long l: w.WriteNumber(name, l); break;
                        case double d: w.WriteNumber(name, d); break;
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "notes", report.Notes);
            WriteStrings(w, "reading", report.Reading);
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
