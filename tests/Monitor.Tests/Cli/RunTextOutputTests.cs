using System.Text.RegularExpressions;

namespace Monitor.Tests.Cli;

/// <summary>`monitor run` without --json, stdout redirected: a header, one progress line per snapshot (no carriage
/// returns), then the summary and per-worker tables.</summary>
public partial class RunTextOutputTests
{
    [GeneratedRegex(@"^\[[#-]{30}\]\s+\d+\.\d%\s+\S+ it/s\s+CPU\s+\d+%.* mem \S+B")]
    private static partial Regex ProgressLine();

    [Fact]
    public async Task Redirected_text_output_has_progress_lines_and_a_summary_table()
    {
        // One worker for ~0.5 s with a tick every 100 ms: there is time for progress lines.
        var run = await MonitorProgram.RunAsync("run", "--n", "2e9", "--mode", "single", "--interval", "100");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Empty(run.LeftoverWorkers);
        Assert.DoesNotContain('\r', run.Stdout);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToArray();

        Assert.StartsWith("summing 0..N-1, N = 2,000,000,000: mode single, 1 worker(s), work cpu", lines[0]);
        Assert.Contains(lines, l => ProgressLine().IsMatch(l));

        int summary = Array.FindIndex(lines, l => l.StartsWith("mode ", StringComparison.Ordinal));
        Assert.True(summary > 0, run.ToString());
        Assert.Equal(["mode", "work", "runtime", "workers", "N", "elapsed", "processes", "sum", "correct"], Cells(lines[summary]));
        var row = Cells(lines[summary + 1]);
        Assert.Equal(["single", "cpu", "dotnet", "1", "2,000,000,000"], row.Take(5));
        Assert.Equal(["1", "1999999999000000000", "yes"], row.TakeLast(3));

        int workers = Array.FindIndex(lines, l => l.StartsWith("worker ", StringComparison.Ordinal));
        Assert.True(workers > summary, run.ToString());
        Assert.Equal(["worker", "pid", "tid", "iterations", "share", "CPU"], Cells(lines[workers]));
        var worker = Cells(lines[workers + 1]);
        Assert.Equal("0", worker[0]);
        Assert.Equal(["2,000,000,000", "100.0%"], worker.Skip(3).Take(2));
        Assert.Matches(@"^\d+(\.\d+)? (ms|s)$", worker[5]);
    }

    private static string[] Cells(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
