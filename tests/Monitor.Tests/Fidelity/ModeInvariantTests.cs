using Monitor.Tests.Compare;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// Every mode, short runs of about 1-2 s with snapshots every 500 ms: the invariants of <see cref="FigureChecks"/>
/// hold in every snapshot and the result (effective parallelism within the workers' CPU and the CPUs, at most about
/// one with a single global lock; totals the sums of the processes; cumulative figures that never go back and end
/// where the result does; no sliver; the test's clock longer than the run).
/// </summary>
public sealed class ModeInvariantTests(ITestOutputHelper output)
{
    public static readonly TheoryData<string, int, string> DotnetModes = new()
    {
        { "single", 1, "3e9" },
        { "threads", 2, "6e9" },
        { "processes", 2, "6e9" },
        { "gil", 2, "3e9" },
    };

    [LinuxTheory]
    [MemberData(nameof(DotnetModes))]
    public async Task Dotnet_mode_keeps_every_invariant_in_every_snapshot(string mode, int workers, string n)
    {
        await RunAndCheck(["run", "--mode", mode, "--workers", workers.ToString(), "--n", n, "--interval", "500", "--json"], singleLock: mode == "gil");
    }

    [PythonFact]
    public async Task Python_single_keeps_every_invariant_in_every_snapshot()
    {
        Assert.True(OperatingSystem.IsLinux());
        await RunAndCheck(["run", "--runtime", "python", "--mode", "single", "--n", "3e7", "--interval", "500", "--json"], singleLock: false);
    }

    [PythonFact]
    public async Task Python_threads_share_one_core_under_the_GIL_and_keep_every_invariant()
    {
        Assert.True(OperatingSystem.IsLinux());
        await RunAndCheck(["run", "--runtime", "python", "--mode", "threads", "--workers", "2", "--n", "3e7", "--interval", "500", "--json"], singleLock: true);
    }

    private async Task RunAndCheck(string[] args, bool singleLock)
    {
        using var run = await WatchedMonitorRun.CompleteAsync(args);
        var report = FigureChecks.Check(run, singleLock);
        output.WriteLine($"monitor {string.Join(' ', args)}: {run.Snapshots.Count} snapshots, result EP {run.Result!.EffectiveParallelism}, " +
                         $"others {run.Result.OtherCpuPercent}%\n{report}");
        report.AssertNone(string.Join(' ', args));
        Assert.Empty(Leftovers.ProcessesOf(run.Pid));
    }
}
