using Monitor.Tests.Cli;

namespace Monitor.Tests.Compare;

/// <summary>With no python3 on PATH, Python rows are skipped with a note and nothing fails.</summary>
public class PythonMissingTests
{
    [Fact]
    public async Task Both_runtimes_without_python3_give_the_dotnet_rows_and_a_note()
    {
        var run = await MonitorProgram.RunAsync(["compare", "--runtime", "both", "--n", "5e8", "--workers", "2", "--format", "markdown"],
            TimeSpan.FromSeconds(90), PathWithoutPython.Environment());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Empty(run.LeftoverWorkers);
        var rows = run.StdoutLines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToArray(); // after the header and its separator
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.Contains("| dotnet |", r));
        Assert.Contains(run.StdoutLines, l => l.Contains("python3 was not found on PATH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Python_only_without_python3_gives_an_empty_csv_and_the_note_on_stderr()
    {
        var run = await MonitorProgram.RunAsync(["compare", "--runtime", "python", "--format", "csv"],
            TimeSpan.FromSeconds(60), PathWithoutPython.Environment());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("mode,", Assert.Single(run.StdoutLines));
        Assert.Contains("python3 was not found", Assert.Single(run.StderrLines));
        Assert.Empty(run.LeftoverWorkers);
    }
}
