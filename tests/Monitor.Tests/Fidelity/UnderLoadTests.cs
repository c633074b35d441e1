using System.Diagnostics;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>Tests that load every CPU on purpose: run alone, after the parallel ones, so their load skews no other
/// test and no other test's Monitor adds to what they compare as "others".</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FidelityUnderLoad
{
    public const string Name = "fidelity-under-load";
}

/// <summary>One busy shell loop per CPU, at the workers' own priority (10 nice steps down, as Monitor starts its
/// workers), so the two compete evenly. Disposing kills them.</summary>
public sealed class CpuBurners : IDisposable
{
    private readonly List<Process> _processes = new();

    public CpuBurners(int count)
    {
        try
        {
            for (int i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo("nice") { UseShellExecute = false };
                foreach (var a in new[] { "-n", "10", "/bin/sh", "-c", "while :; do :; done" }) start.ArgumentList.Add(a);
                _processes.Add(Process.Start(start)!);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<int> Pids => _processes.Select(p => p.Id).ToArray();

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            try
            {
                p.Kill();
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
    }
}

/// <summary>
/// Under load the figures keep every promise, and Monitor's otherCpuPercent says what the rest of the machine used:
/// the test burns both CPUs itself (started before Monitor, so they cover calibration and the run) and compares the
/// time-weighted mean of the snapshots' otherCpuPercent with its own reading of everything but Monitor and its workers
/// (the machine's busy time from /proc/stat less the CPU of the test host's reaped children), and with its burners'
/// CPU from their /proc/PID/stat (a lower bound: the machine is shared, others may add to them). Snapshots where others took a quarter of the machine or more
/// must carry effectiveParallelismUncertain.
/// </summary>
[Collection(FidelityUnderLoad.Name)]
public sealed class UnderLoadTests(ITestOutputHelper output)
{
    [LinuxTheory]
    [InlineData("threads", "3e9")]
    [InlineData("gil", "2e9")]
    public async Task Under_load_every_invariant_holds_and_others_match_the_tests_own_reading(string mode, string n)
    {
        int cpus = FigureChecks.LogicalCpus;
        using var burners = new CpuBurners(cpus);
        await Task.Delay(200); // the shells are up and spinning before the window opens

        // The window: the machine's busy time, less Monitor's and its workers' (all children the test host has
        // waited for, Monitor being its only one meanwhile), is what everything else used, steal included.
        int self = Environment.ProcessId;
        double busyBefore = ProcReadings.MachineBusyMs();
        double childrenBefore = ProcReadings.ReapedChildrenCpuMs(self)!.Value;
        var burnersBefore = burners.Pids.Select(pid => ProcReadings.ProcessCpuMs(pid) ?? 0).ToArray();
        var clock = Stopwatch.StartNew();
        using var run = WatchedMonitorRun.Start(["run", "--mode", mode, "--workers", "2", "--n", n, "--interval", "500", "--json"]);
        int code = await run.WaitForExitAsync();
        double windowMs = clock.Elapsed.TotalMilliseconds;
        double busy = ProcReadings.MachineBusyMs() - busyBefore;
        double monitorTree = ProcReadings.ReapedChildrenCpuMs(self)!.Value - childrenBefore;
        double burnerMs = burners.Pids.Select((pid, i) => (ProcReadings.ProcessCpuMs(pid) ?? 0) - burnersBefore[i]).Sum();
        Assert.True(code == 0 && run.Result is not null, $"exit {code}\n{run}");
        Assert.True(monitorTree >= run.Result!.CpuMs!.Value - 2 * Tolerances.TickMs,
            $"the test host's reaped children used {monitorTree:0} ms, less than Monitor's workers alone ({run.Result.CpuMs} ms)");
        double burnersPercent = burnerMs / windowMs * 100;
        double othersPercent = Math.Max(0, busy - monitorTree) / windowMs * 100;

        var kept = FigureChecks.Partition(run.Snapshots).Where(s => s.Totals.OtherCpuPercent is not null).ToList();
        Assert.NotEmpty(kept);
        double monitorSays = kept.Sum(s => s.Totals.OtherCpuPercent!.Value * s.IntervalSec) / kept.Sum(s => s.IntervalSec);

        var report = FigureChecks.Check(run, singleLock: mode == "gil");
        // The literal promise, final snapshot included: others took a quarter of the machine, the figure is marked.
        foreach (var s in run.Snapshots)
        {
            if (s.Totals.OtherCpuPercent is { } others && others / cpus / 100 >= Tolerances.OtherLoadShare)
            {
                report.Check(s.Totals.EffectiveParallelismUncertain is not null,
                    $"snapshot t {s.T}: others used {others / cpus:0.#}% of the CPUs, effectiveParallelism {s.Totals.EffectiveParallelism} not marked uncertain");
            }
        }
        report.Spread("|mean otherCpuPercent - the test's reading of everything else| (points)", Math.Abs(monitorSays - othersPercent));
        report.Spread("mean otherCpuPercent - the burners alone (points)", monitorSays - burnersPercent);
        output.WriteLine($"{mode} under {cpus} burners: window {windowMs:0} ms, {run.Snapshots.Count} snapshots; " +
                         $"Monitor's others {monitorSays:0.#}% (result {run.Result.OtherCpuPercent}%), the test's: burners {burnersPercent:0.#}%, " +
                         $"everything but Monitor and its workers {othersPercent:0.#}%; result EP {run.Result.EffectiveParallelism} " +
                         $"({run.Result.EffectiveParallelismUncertain})\n{report}");

        Assert.True(Math.Abs(monitorSays - othersPercent) <= Tolerances.OtherCpuPoints,
            $"Monitor's mean otherCpuPercent {monitorSays:0.#} against the test's {othersPercent:0.#} (burners {burnersPercent:0.#})");
        Assert.True(monitorSays >= burnersPercent - Tolerances.OtherCpuPoints,
            $"Monitor's mean otherCpuPercent {monitorSays:0.#} is well below what the burners alone used, {burnersPercent:0.#}");
        report.AssertNone($"{mode} under load");
        Assert.Empty(Leftovers.ProcessesOf(run.Pid));
    }
}
