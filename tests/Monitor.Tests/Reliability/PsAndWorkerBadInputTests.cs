using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>`monitor ps` takes nothing and refuses anything else (<see cref="BadInput"/>). `monitor worker` is internal:
/// Monitor starts it and reads its stdout, so it reports bad arguments as one protocol line there, with exit 2.</summary>
public class PsAndWorkerBadInputTests
{
    public static TheoryData<string[], string> PsInputs => new()
    {
        { ["ps", "--bogus"], "--bogus" },
        { ["ps", "extra"], "extra" },
        { ["ps", "--json"], "--json" },
    };

    [Theory]
    [MemberData(nameof(PsInputs))]
    public Task Ps_refuses_bad_input_with_one_line_and_exit_code_2(string[] args, string mentioned) =>
        BadInput.AssertRefusedAsync(args, mentioned);

    public static TheoryData<string[], string> WorkerInputs => new()
    {
        { ["worker"], "--start is required" },
        { ["worker", "--start"], "unexpected argument" },
        { ["worker", "--start", "abc"], "--start must be" },
        { ["worker", "--start", "0", "--end", "-1"], "--end must be" },
        { ["worker", "--calibrate", "0"], "--calibrate must be" },
        { ["worker", "--calibrate", "250", "--parent", "abc"], "--parent must be" },
        { ["worker", "--start", "0", "--end", "1;rm -rf /"], "--end must be" },
    };

    [Theory]
    [MemberData(nameof(WorkerInputs))]
    public async Task Worker_refuses_bad_arguments_with_one_protocol_line_and_exit_code_2(string[] args, string mentioned)
    {
        var run = await MonitorProgram.RunAsync(args, BadInput.HangBound);

        Assert.True(run.ExitCode == 2, run.ToString());
        string line = Assert.Single(run.StdoutLines);
        Assert.Contains("\"type\":\"error\"", line);
        Assert.Contains(mentioned, line);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
    }
}
