namespace Monitor.Tests.Cli;

/// <summary>Every kind of bad input to `monitor run` (and an unknown command) is refused the same way: exit code 2, one clear line on stderr
/// that says what is wrong, no stack trace, nothing on stdout, no worker started, and promptly.</summary>
public class RunBadInputTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["run", "--bogus"], "--bogus" },
        { ["frob"], "frob" },
        { ["run", "frob", "--n", "1e8"], "frob" },
        { ["run", "--n", "1e8", "--frobnicate", "3"], "--frobnicate" },
        { ["run", "--mode", "fibers", "--n", "1e8"], "fibers" },
        { ["run", "--mode", "fibers"], "fibers" },
        { ["run", "--work", "disk", "--n", "1e8"], "disk" },
        { ["run", "--n", "0"], "N must be" },
        { ["run", "--n", "-5"], "N must be" },
        { ["run", "--n", "-1e30"], "N must be" },
        { ["run", "--n", "10000000000001"], "1e13" },
        { ["run", "--n", "1e30"], "1e13" },
        { ["run", "--n", "99999999999999999999999"], "1e13" },
        { ["run", "--n", "abc"], "abc" },
        { ["run", "--n", ""], "N must be" },
        { ["run", "--n", "1.5"], "whole number" },
        { ["run", "--n", "NaN"], "NaN" },
        { ["run", "--n"], "--n" },
        { ["run", "--workers", "0", "--n", "1e8"], "at least 1" },
        { ["run", "--workers", "-3", "--n", "1e8"], "at least 1" },
        { ["run", "--workers", "0"], "at least 1" },
        { ["run", "--workers", "many", "--n", "1e8"], "many" },
        { ["run", "--workers", "100000", "--n", "1e8"], "256" },
        { ["run", "--mode", "gil", "--workers", "100000", "--n", "1e8"], "256" },
        { ["run", "--mode", "processes", "--workers", "100000", "--n", "1e8"], "64" },
        { ["run", "--mode", "single", "--workers", "2", "--n", "1e8"], "single" },
        { ["run", "--mode", "single", "--workers", "0", "--n", "1e8"], "single" },
        { ["run", "--interval", "0", "--n", "1e8"], "--interval" },
        { ["run", "--interval", "0"], "--interval" },
        { ["run", "--mode", "gil", "--switch-ms", "-1", "--n", "1e8"], "switch" },
        { ["run", "--mode", "gil", "--switch-ms", "0", "--lock-block", "0", "--n", "1e8"], "lock block" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gives_one_line_on_stderr_and_exit_code_2(string[] args, string mentioned)
    {
        var run = await MonitorProgram.RunAsync(args, TimeSpan.FromSeconds(30));

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains(mentioned, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Empty(run.LeftoverWorkers);
    }
}
