using Monitor.Runners;
using Monitor.Workloads;
using Xunit.Abstractions;
using Monitor.Model;

namespace Monitor.Tests.Runners;

/// <summary>`--work io` really blocks in the kernel: the operating system counts about one voluntary context switch
/// per simulated I/O wait on each worker thread, while the same workers doing pure cpu work hardly ever block.
/// Counted from /proc, not from anything Monitor reports; no wall time is asserted.</summary>
[Collection(TimingSensitive.Name)]
public class IoWorkBlocksTests(ITestOutputHelper output)
{
    private const int Threads = 2;
    private const long IoN = 300_000_000;
    private const long CpuN = 2_000_000_000;

    [Fact]
    public async Task Io_worker_threads_block_about_once_per_wait_and_cpu_worker_threads_almost_never()
    {
        // io: ~140 waits of 1 ms per thread; cpu: ~0.25 s of pure additions per thread.
        var io = await WatchWorkerThreads(new WorkloadSpec(RunMode.Threads, Threads, IoN, WorkKind.Io));
        var cpu = await WatchWorkerThreads(new WorkloadSpec(RunMode.Threads, Threads, CpuN, WorkKind.Cpu));

        long waitsPerThread = IoN / Threads / IoProfile.IterationsPerWait;
        long cpuChunksPerThread = CpuN / Threads / SumKernel.DefaultChunk;
        foreach (var (name, seen) in io)
        {
            output.WriteLine($"io  {name}: {seen.VoluntarySwitches} voluntary, {seen.InvoluntarySwitches} involuntary switches; {waitsPerThread} waits");
        }
        foreach (var (name, seen) in cpu)
        {
            output.WriteLine($"cpu {name}: {seen.VoluntarySwitches} voluntary, {seen.InvoluntarySwitches} involuntary switches; {cpuChunksPerThread} chunks");
        }

        Assert.Equal(Threads, io.Count);
        Assert.Equal(Threads, cpu.Count);
        // The last reading is taken a few milliseconds before the thread ends, so it has seen most of its waits.
        Assert.All(io.Values, seen => Assert.InRange(seen.VoluntarySwitches, waitsPerThread / 2, waitsPerThread * 3));
        // A cpu thread blocks a few times while it starts (loading, compiling), not once per chunk.
        Assert.All(cpu.Values, seen => Assert.True(seen.VoluntarySwitches < cpuChunksPerThread / 10,
            $"a cpu worker thread blocked {seen.VoluntarySwitches} times in {cpuChunksPerThread} chunks"));
    }

    /// <summary>Reads every worker thread's /proc status over and over while the run lasts; returns each one's last
    /// reading before it ended.</summary>
    private static async Task<Dictionary<string, ProcFs.TaskReading>> WatchWorkerThreads(WorkloadSpec spec)
    {
        var last = new Dictionary<string, ProcFs.TaskReading>();
        RunResult result;
        await using (var run = await WorkloadRunner.StartAsync(spec))
        {
            int pid = run.Processes.Single().Pid;
            // A thread of its own, not the pool: on a loaded machine a pool continuation can come back after the
            // workers have ended, leaving a reading from their first milliseconds as the "last" one.
            var watcher = new Thread(() =>
            {
                var hangGuard = DateTime.UtcNow.AddSeconds(60); // a hang guard, not a timing
                while (!run.IsCompleted && DateTime.UtcNow < hangGuard)
                {
                    foreach (var task in ProcFs.Tasks(pid))
                    {
                        if (task.Name.StartsWith("sum-worker-", StringComparison.Ordinal)) last[task.Name] = task;
                    }
                    Thread.Sleep(1);
                }
            })
            { IsBackground = true, Name = "proc-watcher" };
            watcher.Start();
            result = await run.Completion;
            watcher.Join();
        }
        Assert.True(result.Correct, result.Failure);
        // The threads seen in /proc are the ones the workers reported.
        Assert.Equal(result.WorkerThreads.Select(t => t.Tid).Order(), last.Values.Select(t => t.Tid).Order());
        return last;
    }
}
