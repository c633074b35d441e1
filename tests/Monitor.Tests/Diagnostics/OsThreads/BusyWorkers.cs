using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>A real worker process with two busy sum threads, shared by a test class and stopped at its end.
/// N is large enough to keep them busy for the whole class; they never run to completion.</summary>
public sealed class BusyWorkers : IAsyncLifetime
{
    public WorkloadRun Run { get; private set; } = null!;
    public int Pid { get; private set; }
    public int[] Tids { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Threads, 2, 200_000_000_000));
        Pid = Run.Processes.Single().Pid;
        Tids = await WorkerTids(Run);
    }

    public async Task DisposeAsync() => await Run.DisposeAsync();

    /// <summary>Each worker's OS tid, once every worker has reported it.</summary>
    public static async Task<int[]> WorkerTids(WorkloadRun run)
    {
        for (int i = 0; i < 200 && run.Workers.Any(w => w.Tid == 0); i++)
        {
            if (run.IsCompleted) break;
            await Task.Delay(25);
        }
        Assert.All(run.Workers, w => Assert.NotEqual(0, w.Tid));
        return run.Workers.Select(w => w.Tid).ToArray();
    }
}
