using System.Diagnostics;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Runners;

/// <summary>A run's elapsed time ends at its last process's final report (results, then its own usage line), not at
/// the process's exit: a runtime observed over EventPipe spends up to 100 ms more in its teardown, and that is not the
/// workload's time. A process that never sends its usage line is timed to its exit. The workers here are shell
/// scripts that speak the worker protocol, so what they do after reporting is under the test's control.</summary>
public class RunTimeTests
{
    private const long N = 10; // one worker over 0..9: the sum is 45

    [Fact]
    public async Task Elapsed_ends_at_the_final_report_not_at_a_slow_exit()
    {
        var clock = Stopwatch.StartNew();
        await using var run = await WorkloadRunner.StartAsync(Spec, launcher: new ScriptLauncher(reportsUsage: true, sleepAfterSec: 3));
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60)); // a hang guard, not a timing
        double whole = clock.Elapsed.TotalMilliseconds;

        Assert.True(result.Correct, result.Failure);
        Assert.True(whole >= 3000, $"the script exits after sleeping 3 s, yet the run ended after {whole:0} ms");
        // The report comes at once and the exit 3 s later: a second of margin for a loaded machine's process start.
        Assert.True(result.ElapsedMs <= whole - 2000, $"elapsed {result.ElapsedMs:0} ms of a run that took {whole:0} ms: the exit was counted");
    }

    [Fact]
    public async Task A_process_without_its_usage_line_is_timed_to_its_exit()
    {
        await using var run = await WorkloadRunner.StartAsync(Spec, launcher: new ScriptLauncher(reportsUsage: false, sleepAfterSec: 1));
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Correct, result.Failure);
        Assert.Null(result.CpuMs);
        Assert.True(result.ElapsedMs >= 1000, $"elapsed {result.ElapsedMs:0} ms, but the process exited after sleeping 1 s");
    }

    private static WorkloadSpec Spec => new(RunMode.Single, 1, N);

    /// <summary>One `sh` process reporting worker 0's whole range, then sleeping before it exits.</summary>
    private sealed class ScriptLauncher(bool reportsUsage, int sleepAfterSec) : IWorkerLauncher
    {
        public bool IsDotnet => false;

        public IReadOnlyList<PlannedProcess> Plan(WorkloadSpec spec)
        {
            string script =
                $"printf '{{\"type\":\"started\",\"worker\":0,\"pid\":%d,\"tid\":%d,\"start\":0,\"end\":{N}}}\\n' $$ $$; " +
                $"printf '{{\"type\":\"finished\",\"worker\":0,\"iterations\":{N},\"sum\":\"45\"}}\\n'; " +
                (reportsUsage ? "printf '{\"type\":\"usage\",\"pid\":%d,\"cpuMs\":1,\"peakWorkingSetBytes\":4096}\\n' $$; " : "") +
                $"exec sleep {sleepAfterSec}";
            var start = ShellWorker.StartInfo(script);
            return [new PlannedProcess(start, [new WorkerState(0, 0, N)])];
        }
    }
}
