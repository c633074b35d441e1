using System.Text.Json;

namespace Monitor.Tests.Cli;

/// <summary>
/// The portable thread reader end to end on Linux (MONITOR_SAMPLER=portable), as a system without a reader of its own
/// would run: the snapshots say which reader they come from, the figures it cannot count are null (not 0), the
/// CPU figures are there and stay within the machine's CPUs. A MONITOR_SAMPLER that is no reader is one line, exit 2.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class PortableSamplerRunTests
{
    [Fact]
    public async Task A_run_read_by_the_portable_reader_says_so_and_leaves_uncounted_figures_null()
    {
        var run = await MonitorProgram.RunAsync(
            ["run", "--json", "--interval", "200", "--mode", "threads", "--workers", "2", "--n", "4e9"],
            environment: new Dictionary<string, string?> { ["MONITOR_SAMPLER"] = "portable" });
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var snapshots = lines.Where(l => l.GetProperty("type").GetString() == "snapshot").ToArray();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s => Assert.Equal("portable", s.GetProperty("threadReader").GetString()));

        var threads = snapshots.SelectMany(s => s.GetProperty("threads").EnumerateArray()).ToArray();
        Assert.NotEmpty(threads);
        Assert.All(threads, t =>
        {
            Assert.Equal(JsonValueKind.Null, t.GetProperty("cpuWaitPercent").ValueKind);
            Assert.Equal(JsonValueKind.Null, t.GetProperty("blockedPerSec").ValueKind);
            Assert.Equal(JsonValueKind.Null, t.GetProperty("preemptedPerSec").ValueKind);
        });
        var workers = threads.Where(t => t.GetProperty("role").GetString() == "worker").ToArray();
        Assert.Contains(workers, t => t.GetProperty("cpuPercent").GetDouble() > 0);
        // No snapshot's threads add up to more CPU than the machine has (one interval's rounding aside).
        Assert.All(snapshots, s => Assert.True(
            s.GetProperty("threads").EnumerateArray().Sum(t => t.GetProperty("cpuPercent").GetDouble()) <= Environment.ProcessorCount * 100 + 1,
            s.ToString()));
        var result = lines[^1];
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.True(result.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task The_proc_reader_names_itself_and_counts_waiting_and_switches()
    {
        var run = await MonitorProgram.RunAsync(["run", "--json", "--interval", "200", "--mode", "threads", "--workers", "2", "--n", "2e9"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var snapshots = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("type").GetString() == "snapshot").ToArray();
        Assert.All(snapshots, s => Assert.Equal("proc", s.GetProperty("threadReader").GetString()));
        Assert.All(snapshots.SelectMany(s => s.GetProperty("threads").EnumerateArray()),
            t => Assert.Equal(JsonValueKind.Number, t.GetProperty("cpuWaitPercent").ValueKind));
    }

    [Theory]
    [InlineData("fast", "monitor: MONITOR_SAMPLER=fast: not one of proc | windows | macos | portable")]
    [InlineData("windows", "monitor: MONITOR_SAMPLER=windows: this system has no windows thread reader (it has proc and portable)")]
    public async Task A_sampler_that_is_not_there_is_one_line_and_exit_2(string asked, string message)
    {
        var run = await MonitorProgram.RunAsync(
            ["run", "--json", "--n", "1e6"], environment: new Dictionary<string, string?> { ["MONITOR_SAMPLER"] = asked });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal([message], run.StderrLines);
        Assert.Empty(run.Stdout);
    }
}
