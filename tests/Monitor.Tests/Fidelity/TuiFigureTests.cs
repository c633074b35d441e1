using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.EndToEnd;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// The figures the UI shows, read off a real terminal: the header's effective parallelism on every screen, and the
/// results table's EFF.PAR (within the CPUs and the row's CPU / ELAPSED) and SPEEDUP (none for the single row; for
/// threads ×2 at most 2.2, or marked "?" with a note under the row). Each launch is fresh: a threads ×2 run starts at
/// once, then 1 runs single and 2 threads again.
/// </summary>
public sealed partial class TuiFigureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RowBound = TimeSpan.FromSeconds(60);

    /// <summary>Figures on screen are rounded: a duration "1.52 s" to 5 ms, "12.3 s" to 50 ms, "850 ms" to 0.5 ms, and
    /// EFF.PAR and SPEEDUP to 0.005.</summary>
    private const double ShownRounding = 0.005;

    [LinuxTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Results_table_and_header_show_figures_within_their_bounds(int launch)
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the end-to-end test");
        using var tmux = new TmuxSession($"{MonitorProgram.Path} --mode threads --workers 2 --n 3e9 --no-mouse", 130, 40);
        int monitorPid = tmux.WaitForProgram("--mode");
        var problems = new List<string>();
        int captures = 0;
        try
        {
            string Wait(Func<IReadOnlyList<Row>, bool> condition, string what) =>
                tmux.WaitFor(screen =>
                {
                    captures++;
                    CheckHeader(screen, problems);
                    return condition(Rows(screen));
                }, what, RowBound);

            Wait(rows => rows.Count >= 1 && rows[0].Done, "the first threads row");
            tmux.SendKeys("1");
            Wait(rows => rows.Count >= 2 && rows[1].Done, "the single row");
            tmux.SendKeys("2");
            string screen = Wait(rows => rows.Count >= 3 && rows[2].Done, "the second threads row");

            var rows = Rows(screen);
            output.WriteLine($"launch {launch}: {captures} screens read\n{string.Join('\n', screen.Split('\n').Where(l => l.Contains("threads ") || l.Contains("single ") || l.Contains("EFF.PAR") || l.Contains("? ") || l.Contains("parallelism")))}");
            Assert.Equal(["threads", "single", "threads"], rows.Take(3).Select(r => r.Mode));
            foreach (var row in rows) CheckRow(row, problems);
            Assert.True(rows[1].SpeedUp.Length == 0, $"the single row shows a speed-up '{rows[1].SpeedUp}'");
            Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()) + "\nlast screen:\n" + screen);

            tmux.SendKeys("q");
            Assert.Equal(0, tmux.WaitForExit());
            Assert.Empty(Leftovers.ProcessesOf(monitorPid));
        }
        finally
        {
            Leftovers.CleanUpAfter(monitorPid);
        }
    }

    /// <summary>One row of the results table, its cells as shown.</summary>
    public sealed record Row(string Line, string Mode, int Workers, string Elapsed, string SpeedUp, string EffPar, string Cpu, bool Done, string Note);

    /// <summary>The header's "effective parallelism X.XX" is at most the CPUs; a "?" comes with its reason.</summary>
    private static void CheckHeader(string screen, List<string> problems)
    {
        var m = HeaderParallelism().Match(screen);
        if (!m.Success) return; // "-" before the first snapshot
        double value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (value > FigureChecks.LogicalCpus + ShownRounding) problems.Add($"header: effective parallelism {value} > {FigureChecks.LogicalCpus} CPUs");
        if (m.Groups[2].Success && !screen.Contains("figure uncertain", StringComparison.Ordinal))
        {
            problems.Add("header: effective parallelism marked '?' without saying why");
        }
    }

    private static void CheckRow(Row row, List<string> problems)
    {
        if (!row.Done) return;
        if (row.EffPar.Length > 0)
        {
            double ep = double.Parse(row.EffPar.TrimEnd('?'), CultureInfo.InvariantCulture);
            if (ep > FigureChecks.LogicalCpus + ShownRounding) problems.Add($"row '{row.Line.Trim()}': EFF.PAR {ep} > {FigureChecks.LogicalCpus} CPUs");
            if (Duration(row.Cpu) is { } cpu && Duration(row.Elapsed) is { } elapsed)
            {
                double bound = (cpu.Ms + cpu.HalfStep) / Math.Max(1e-9, elapsed.Ms - elapsed.HalfStep) + ShownRounding;
                if (ep > bound) problems.Add($"row '{row.Line.Trim()}': EFF.PAR {ep} > CPU/ELAPSED = {cpu.Ms}/{elapsed.Ms} (at most {bound:0.###} with rounding)");
            }
            else
            {
                problems.Add($"row '{row.Line.Trim()}': CPU '{row.Cpu}' or ELAPSED '{row.Elapsed}' unreadable");
            }
        }
        else
        {
            problems.Add($"row '{row.Line.Trim()}': no EFF.PAR");
        }
        if (row.Mode == "single" && row.SpeedUp.Length > 0) problems.Add($"row '{row.Line.Trim()}': a single run shows SPEEDUP '{row.SpeedUp}'");
        if (row.SpeedUp.Length > 0)
        {
            bool marked = row.SpeedUp.EndsWith('?');
            double value = double.Parse(row.SpeedUp.TrimEnd('?').TrimEnd('x'), CultureInfo.InvariantCulture);
            double most = row.Workers * 1.1; // K workers cannot be more than K times faster, plus 10 % of a shared machine's noise
            if (value > most + ShownRounding && !marked) problems.Add($"row '{row.Line.Trim()}': SPEEDUP {value} above {most} not marked '?'");
            if (value < most - ShownRounding && marked) problems.Add($"row '{row.Line.Trim()}': SPEEDUP {value} within {most} but marked '?'");
            if (marked && !row.Note.Contains("speed-up", StringComparison.Ordinal)) problems.Add($"row '{row.Line.Trim()}': SPEEDUP marked '?' without a note line saying why");
        }
    }

    /// <summary>The rows of the results table, cells cut at the header's column edges (the numeric columns are
    /// right-aligned under their titles).</summary>
    public static IReadOnlyList<Row> Rows(string screen)
    {
        var lines = screen.Split('\n');
        int header = Array.FindIndex(lines, l => l.Contains("SPEEDUP", StringComparison.Ordinal) && l.Contains("EFF.PAR", StringComparison.Ordinal));
        if (header < 0) return [];
        string h = lines[header];
        // A title as a whole word: "K" is also the end of "WORK", "N" is inside "RUNTIME".
        int End(string title) => Regex.Match(h, $@"(?<=\s|^){Regex.Escape(title)}(?=\s|$)") is { Success: true } t ? t.Index + t.Length : throw new FormatException($"no column {title} in '{h}'");
        var rows = new List<Row>();
        for (int i = header + 1; i < lines.Length; i++)
        {
            string line = lines[i];
            var m = RowStart().Match(line);
            if (!m.Success)
            {
                if (line.TrimStart().StartsWith("? ", StringComparison.Ordinal) && rows.Count > 0) rows[^1] = rows[^1] with { Note = rows[^1].Note + line.Trim() };
                continue;
            }
            string Cell(string previous, string title) =>
                line.Length >= End(title) ? line[End(previous)..End(title)].Trim() : "";
            rows.Add(new Row(
                line,
                m.Groups[1].Value,
                int.Parse(Cell("RUNTIME", "K"), CultureInfo.InvariantCulture),
                Cell("N", "ELAPSED"),
                Cell("ELAPSED", "SPEEDUP"),
                Cell("SPEEDUP", "EFF.PAR"),
                Cell("EFF.PAR", "CPU"),
                Done: line.TrimEnd().EndsWith(" yes", StringComparison.Ordinal),
                Note: ""));
        }
        return rows;
    }

    /// <summary>"1.52 s", "12.3 s", "850 ms", "12m05s" in ms, with half the step it is shown in.</summary>
    private static (double Ms, double HalfStep)? Duration(string text)
    {
        var m = DurationText().Match(text);
        if (!m.Success) return null;
        if (m.Groups["min"].Success)
        {
            return (int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture) * 60_000 + int.Parse(m.Groups["sec"].Value, CultureInfo.InvariantCulture) * 1000, 500);
        }
        string number = m.Groups["n"].Value;
        double value = double.Parse(number, CultureInfo.InvariantCulture);
        int decimals = number.Contains('.') ? number.Length - number.IndexOf('.') - 1 : 0;
        double step = Math.Pow(10, -decimals);
        return m.Groups["unit"].Value == "s" ? (value * 1000, step * 500) : (value, step / 2);
    }

    [GeneratedRegex(@"effective parallelism (\d+\.\d+)(\?)?")]
    private static partial Regex HeaderParallelism();

    [GeneratedRegex(@"^\s*\d+ (single|threads|processes|gil)\s")]
    private static partial Regex RowStart();

    [GeneratedRegex(@"^(?:(?<min>\d+)m(?<sec>\d\d)s|(?<n>\d+(?:\.\d+)?) (?<unit>ms|s))$")]
    private static partial Regex DurationText();
}
