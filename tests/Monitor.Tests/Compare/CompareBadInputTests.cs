using Monitor.Tests.Cli;

namespace Monitor.Tests.Compare;

/// <summary>Bad input to `monitor compare` is refused like bad input to `run`: exit code 2, one line on stderr that
/// names the problem, nothing on stdout, no worker started.</summary>
public class CompareBadInputTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["compare", "--format", "xml"], "xml" },
        { ["compare", "--runtime", "jvm"], "jvm" },
        { ["compare", "--repeat", "0"], "--repeat" },
        { ["compare", "--repeat", "-2"], "--repeat" },
        { ["compare", "--repeat", "often"], "often" },
        { ["compare", "--workers", "0"], "at least 1" },
        { ["compare", "--workers", "100"], "64" },
        { ["compare", "--n", "0"], "N must be" },
        { ["compare", "--work", "disk"], "disk" },
        { ["compare", "--diagnostics", "loud"], "loud" },
        { ["compare", "--mode", "threads"], "--mode" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gives_one_line_on_stderr_and_exit_code_2(string[] args, string mentioned)
    {
        var run = await MonitorProgram.RunAsync(args, TimeSpan.FromSeconds(30));

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains(mentioned, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Empty(run.LeftoverWorkers);
    }
}
