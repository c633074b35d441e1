using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Runners;

/// <summary>Every mode, run through real worker processes: the total is exact, and the run had the processes and
/// worker threads the mode promises (K processes for processes mode, one otherwise; K distinct worker threads).</summary>
public class EndToEndModeTests
{
    public static TheoryData<RunMode, int, long, WorkKind, int> Runs => new()
    {
        { RunMode.Single, 1, 200_000_000, WorkKind.Cpu, 5 },
        { RunMode.Single, 1, 1, WorkKind.Cpu, 5 },
        { RunMode.Threads, 2, 200_000_000, WorkKind.Cpu, 5 },
        { RunMode.Threads, 3, 200_000_001, WorkKind.Cpu, 5 },
        { RunMode.Processes, 2, 200_000_000, WorkKind.Cpu, 5 },
        { RunMode.Processes, 3, 200_000_001, WorkKind.Cpu, 5 },
        { RunMode.Gil, 2, 200_000_000, WorkKind.Cpu, 5 },
        { RunMode.Gil, 2, 20_000_000, WorkKind.Cpu, 0 },
        { RunMode.Threads, 2, 50_000_000, WorkKind.Io, 5 },
        { RunMode.Gil, 2, 50_000_000, WorkKind.Io, 5 },
        { RunMode.Threads, 3, 2, WorkKind.Cpu, 5 },
        { RunMode.Processes, 3, 2, WorkKind.Cpu, 5 },
        { RunMode.Gil, 3, 2, WorkKind.Cpu, 5 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Run_is_correct_with_the_modes_processes_and_threads(RunMode mode, int k, long n, WorkKind work, int switchMs)
    {
        var spec = new WorkloadSpec(mode, k, n, work, switchMs);
        RunResult result;
        IReadOnlyList<WorkerProcess> processes;
        await using (var run = await WorkloadRunner.StartAsync(spec))
        {
            result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60)); // a hang guard, not a timing
            processes = run.Processes;
            Assert.All(processes, p => Assert.True(p.Process.HasExited, $"worker process {p.Pid} still runs"));
        }

        Assert.Null(result.Failure);
        Assert.True(result.Correct, $"sum {result.Sum}, expected {result.Expected}");
        Assert.Equal(SumKernel.Expected(n), result.Sum);

        int expectedProcesses = mode == RunMode.Processes ? k : 1;
        Assert.Equal(expectedProcesses, result.ProcessCount);
        Assert.Equal(expectedProcesses, result.Pids.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, result.Pids);

        var threads = result.WorkerThreads;
        Assert.Equal(k, threads.Count);
        Assert.Equal(Enumerable.Range(0, k), threads.Select(t => t.Worker).Order());
        Assert.All(threads, t => Assert.Contains(t.Pid, result.Pids));
        Assert.All(threads, t => Assert.True(t.Tid > 0, $"worker {t.Worker} reported no thread id"));
        Assert.Equal(k, threads.Select(t => (t.Pid, t.Tid)).Distinct().Count());
        // Each worker is a thread of its own, not the process's main thread.
        Assert.All(threads, t => Assert.NotEqual(t.Pid, t.Tid));
        Assert.Equal(expectedProcesses, threads.Select(t => t.Pid).Distinct().Count());
        Assert.Equal(n, result.TotalIterations);
    }
}
