using System.Text.RegularExpressions;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Worker command lines are built only from parsed, validated values and passed as an argument list, never through a
/// shell: every ProcessStartInfo Monitor makes has UseShellExecute off, no Arguments string, and plain tokens.
/// </summary>
public class WorkerCommandLineTests
{
    private static readonly Regex PlainToken = new(@"^[A-Za-z0-9_./+-]+$");

    public static TheoryData<string, int> Specs => new()
    {
        { "single", 1 },
        { "threads", 4 },
        { "processes", 3 },
        { "gil", 2 },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Dotnet_workers_get_an_argument_list_of_plain_tokens_and_no_shell(string mode, int workers)
    {
        Assert.True(Words.TryParse<RunMode>(mode, out var parsed));
        var spec = new WorkloadSpec(parsed, workers, 123_456_789);
        foreach (var plan in new DotnetWorkerLauncher().Plan(spec))
        {
            Assert.False(plan.StartInfo.UseShellExecute);
            Assert.Equal("", plan.StartInfo.Arguments);
            Assert.All(plan.StartInfo.ArgumentList, a => Assert.Matches(PlainToken, a));
        }
    }

    [Fact]
    public void Python_workers_get_an_argument_list_of_plain_tokens_and_no_shell()
    {
        if (PythonWorkerLauncher.FindInterpreter() is null) return;
        foreach (var plan in new PythonWorkerLauncher().Plan(new WorkloadSpec(RunMode.Processes, 2, 1_000_000)))
        {
            Assert.False(plan.StartInfo.UseShellExecute);
            Assert.Equal("", plan.StartInfo.Arguments);
            Assert.All(plan.StartInfo.ArgumentList, a => Assert.Matches(PlainToken, a));
        }
    }

    [Theory]
    [InlineData(WorkerRuntime.Dotnet)]
    [InlineData(WorkerRuntime.Python)]
    public void The_calibration_worker_carries_parent_like_every_worker_and_no_shell(WorkerRuntime runtime)
    {
        if (runtime == WorkerRuntime.Python && PythonWorkerLauncher.FindInterpreter() is null) return;
        var start = Calibration.StartInfo(Calibration.DefaultDuration, runtime);

        Assert.False(start.UseShellExecute);
        Assert.Equal("", start.Arguments);
        Assert.All(start.ArgumentList, a => Assert.Matches(PlainToken, a));
        var args = start.ArgumentList.ToList();
        Assert.Equal("250", args[args.IndexOf("--calibrate") + 1]);
        Assert.Equal(Environment.ProcessId.ToString(), args[args.IndexOf("--parent") + 1]);
    }

    [Fact]
    public void An_argument_with_shell_syntax_stays_one_literal_argument()
    {
        var start = WorkerExecutable.StartInfo(["worker", "1;rm -rf /"]);
        Assert.False(start.UseShellExecute);
        Assert.Equal("", start.Arguments);
        Assert.Equal("1;rm -rf /", start.ArgumentList[^1]);
    }

    [Theory]
    [InlineData(0L, 2)]
    [InlineData(-1L, 2)]
    [InlineData(100L, 0)]
    [InlineData(100L, -3)]
    [InlineData(100L, 100_000)]
    [InlineData(WorkloadLimits.MaxN + 1, 2)]
    public async Task A_spec_out_of_range_never_starts_a_worker(long n, int workers)
    {
        var spec = new WorkloadSpec(RunMode.Threads, workers, n);
        Assert.NotNull(spec.Validate());
        await Assert.ThrowsAsync<ArgumentException>(() => WorkloadRunner.StartAsync(spec));
    }
}
