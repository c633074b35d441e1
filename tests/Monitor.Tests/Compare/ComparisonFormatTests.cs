using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Cli.Sinks.Comparison;

namespace Monitor.Tests.Compare;

/// <summary>Every output format of `monitor compare` parses as what it claims to be, with one line or object per row.</summary>
[Collection(DotnetComparisonCollection.Name)]
public class ComparisonFormatTests(DotnetComparison comparison)
{
    private static readonly string[] RunResultFields =
        ["mode", "runtime", "work", "workers", "n", "elapsedMs", "startupMs", "processCount", "cpuMs", "peakWorkingSetBytes",
         "contentionCount", "contentionWaitMs", "gcCount", "effectiveParallelism", "correct"];

    private static readonly string[] ComparisonFields =
        ["measuredAs", "repeats", "elapsedMinMs", "elapsedMaxMs", "speedup", "otherCpuPercent", "otherCpuMaxPercent"];

    private string Written(string format)
    {
        var output = new StringWriter();
        ComparisonFormats.Parse(format).Write(comparison.Report, output);
        return output.ToString();
    }

    [Fact]
    public void Json_is_one_document_whose_rows_carry_run_fields_and_the_comparisons_own()
    {
        using var doc = JsonDocument.Parse(Written("json"));
        var root = doc.RootElement;

        Assert.Equal("comparison", root.GetProperty("type").GetString());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.True(root.GetProperty("capacity").GetProperty("parallelism").GetDouble() > 0);
        Assert.True(root.GetProperty("singleThreadIterationsPerSec").GetProperty("dotnet").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("reading").ValueKind);
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["single", "threads", "processes", "gil"], rows.Select(r => r.GetProperty("mode").GetString()));
        foreach (var row in rows)
        {
            bool baseline = row.GetProperty("mode").GetString() == "single";
            foreach (var field in RunResultFields.Concat(ComparisonFields).Where(f => !(baseline && f == "speedup")))
                Assert.True(row.TryGetProperty(field, out _) || field == "speedup" && row.TryGetProperty("speedupUncertain", out _), $"row lacks {field}: {row}");
            Assert.Equal(DotnetComparison.N, row.GetProperty("n").GetInt64());
            Assert.True(row.GetProperty("correct").GetBoolean());
            Assert.Equal(JsonValueKind.Number, row.GetProperty("elapsedMs").ValueKind);
            // The single row is the baseline: no speed-up. Any other has one, or says why its quotient is none.
            if (baseline) Assert.False(row.TryGetProperty("speedup", out _));
        }
        Assert.Equal(5, rows[3].GetProperty("switchMs").GetInt32());
    }

    [Fact]
    public void Csv_is_a_header_of_the_json_field_names_and_one_line_per_row()
    {
        var lines = Written("csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        var header = lines[0].Split(',');
        Assert.Equal(ComparisonJson.RowFields, header);
        Assert.Equal(4, lines.Length - 1);
        foreach (var line in lines[1..])
        {
            Assert.DoesNotContain("\"", line);
            var cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            Assert.Equal("true", cells[Array.IndexOf(header, "correct")]);
            Assert.Equal("dotnet", cells[Array.IndexOf(header, "runtime")]);
            Assert.True(double.TryParse(cells[Array.IndexOf(header, "elapsedMs")], System.Globalization.CultureInfo.InvariantCulture, out _));
        }
        Assert.Equal(["single", "threads", "processes", "gil"], lines[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Markdown_is_a_table_with_a_header_separator_and_one_line_per_row()
    {
        var lines = Written("markdown").Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var table = lines.SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToArray();

        Assert.Equal(2 + 4, table.Length);
        int pipes = table[0].Count(c => c == '|');
        Assert.Equal(ComparisonCells.Header.Count + 1, pipes);
        Assert.All(table, l => Assert.Equal(pipes, l.Count(c => c == '|')));
        Assert.Matches(new Regex(@"^\|( ?:?-{3,}:? ?\|)+$"), table[1]);
        Assert.Contains("| speed-up |", table[0]);
        Assert.All(table[2..], l => Assert.EndsWith("| yes |", l));
        Assert.Contains(lines, l => l.StartsWith("- This machine: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_has_aligned_columns_under_a_header_and_the_reading_below()
    {
        var lines = Written("table").Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int header = Array.FindIndex(lines, l => l.StartsWith("mode ", StringComparison.Ordinal));

        Assert.True(header > 0);
        Assert.Contains("speed-up", lines[header]);
        var rows = lines[(header + 1)..(header + 5)];
        Assert.Equal(["single", "threads", "processes", "gil"], rows.Select(r => r.Split(' ')[0]));
        int correctColumn = lines[header].IndexOf("correct", StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("yes", r[correctColumn..].Trim()));
        Assert.Equal("", lines[header + 5]);
        Assert.Contains(lines[(header + 6)..], l => l.StartsWith("dotnet: ", StringComparison.Ordinal));
    }
}
