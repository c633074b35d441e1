using System.Globalization;
using System.Text;

namespace Monitor.Tests.Export;

/// <summary>One sample of a scrape: the series' name, its labels, its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"{Name} has no label {name}");

    public override string ToString() => $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
}

/// <summary>
/// The Prometheus text exposition format (0.0.4) read strictly, as a scraper reads it: every line is a comment, a
/// # HELP or # TYPE line or a sample; names and label names are checked against the format's grammar, label values
/// unescaped, values parsed as floats; a sample's family must have been typed before it, a counter's samples end in
/// _total, and no series appears twice. Anything else throws <see cref="FormatException"/>.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyDictionary<string, string> types, IReadOnlyList<PrometheusSample> samples)
    {
        Types = types;
        Samples = samples;
    }

    /// <summary>Family name → counter, gauge, histogram, summary or untyped.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<PrometheusSample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var words = line.Split(' ', 4, StringSplitOptions.None);
                if (words.Length >= 3 && words[1] is "TYPE")
                {
                    if (words.Length != 4 || words[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) throw Bad(number, line, "a TYPE line names one of the five types");
                    CheckName(words[2], number, line);
                    if (!types.TryAdd(words[2], words[3])) throw Bad(number, line, "a family is typed once");
                }
                else if (words.Length >= 3 && words[1] is "HELP")
                {
                    CheckName(words[2], number, line);
                }
                continue;
            }
            var sample = ParseSample(line, number);
            string family = FamilyOf(sample.Name, types) ?? throw Bad(number, line, "a sample's family is typed before it");
            if (types[family] == "counter" && !sample.Name.EndsWith("_total", StringComparison.Ordinal)) throw Bad(number, line, "a counter's samples end in _total");
            string key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!seen.Add(key)) throw Bad(number, line, "a series appears once");
            samples.Add(sample);
        }
        return new PrometheusText(types, samples);
    }

    private static string? FamilyOf(string name, Dictionary<string, string> types)
    {
        if (types.ContainsKey(name)) return name;
        // The OpenTelemetry exporter types a counter by its full name (…_total); older writers by the stem.
        foreach (string suffix in new[] { "_total", "_created", "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(name[..^suffix.Length])) return name[..^suffix.Length];
        }
        return null;
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        int i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        string name = line[..i];
        CheckName(name, number, line);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw Bad(number, line, "labels are closed with }");
                if (line[i] == '}')
                {
                    i++;
                    break;
                }
                int start = i;
                while (i < line.Length && line[i] != '=') i++;
                string label = line[start..i];
                if (!IsLabelName(label)) throw Bad(number, line, $"'{label}' is a label name");
                if (i + 1 >= line.Length || line[i + 1] != '"') throw Bad(number, line, "a label value is quoted");
                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw Bad(number, line, "a label value ends with a quote");
                    char c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw Bad(number, line, "an escape is complete");
                        char e = line[i++];
                        value.Append(e switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw Bad(number, line, $"\\{e} is an escape") });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }
                if (!labels.TryAdd(label, value.ToString())) throw Bad(number, line, $"label {label} appears once");
                if (i < line.Length && line[i] == ',') i++;
            }
        }
        if (i >= line.Length || line[i] != ' ') throw Bad(number, line, "a space precedes the value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw Bad(number, line, "a value and an optional timestamp follow");
        double v = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : throw Bad(number, line, $"'{rest[0]}' is a number"),
        };
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw Bad(number, line, "a timestamp is whole milliseconds");
        return new PrometheusSample(name, labels, v);
    }

    private static void CheckName(string name, int number, string line)
    {
        bool ok = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
        if (!ok) throw Bad(number, line, $"'{name}' is a metric name");
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static FormatException Bad(int number, string line, string rule) => new($"line {number} breaks the exposition format ({rule}): {line}");
}
