namespace Monitor.Tests.Cli;

/// <summary>--help is a successful exit with usage on stdout, for the program and for `run`.</summary>
public class HelpTests
{
    [Fact]
    public async Task Help_exits_0_and_lists_the_run_command()
    {
        var run = await MonitorProgram.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("run", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Run_help_exits_0_and_lists_every_run_option()
    {
        var run = await MonitorProgram.RunAsync("run", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--mode", "--workers", "--n", "--work", "--switch-ms", "--lock-block", "--json", "--interval" })
        {
            Assert.Contains(option + " ", run.Stdout);
        }
        Assert.Empty(run.LeftoverWorkers);
    }
}
