using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>How every command refuses bad input: exit code 2, one line on stderr that names what is wrong, no stack
/// trace, nothing on stdout, no worker started; the run's time bound is a hang guard.</summary>
public static class BadInput
{
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    public static async Task AssertRefusedAsync(string[] args, string mentioned)
    {
        var run = await MonitorProgram.RunAsync(args, HangBound);

        Assert.True(run.ExitCode == 2, $"monitor {string.Join(' ', args)}: {run}");
        string line = Assert.Single(run.StderrLines);
        Assert.Contains(mentioned, line, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("monitor: ", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Empty(run.LeftoverWorkers);
        Assert.Empty(Leftovers.ProcessesOf(run.Pid));
    }
}
