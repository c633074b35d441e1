using Monitor.Diagnostics.Sources.OsThreads;

namespace Monitor.Tests.Diagnostics.OsThreads;

[Collection(TimingSensitive.Name)]
public sealed class PortableThreadSamplerTests(BusyWorkers workers) : IClassFixture<BusyWorkers>
{
    [Fact]
    public async Task Lists_the_busy_worker_threads_with_cpu_time_and_no_linux_only_fields()
    {
        using var sampler = new PortableThreadSampler();
        ProcessCounters? process = null;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            process = sampler.Sample(workers.Pid);
            Assert.NotNull(process);
            if (workers.Tids.All(tid => process.Threads.Any(t => t.Tid == tid && t.UserMs + t.SystemMs > 0))) break;
            await Task.Delay(50);
        }

        Assert.True(process!.WorkingSetBytes > 0);
        foreach (int tid in workers.Tids)
        {
            var worker = Assert.Single(process.Threads, t => t.Tid == tid);
            Assert.True(worker.UserMs + worker.SystemMs > 0);
            NotCounted.SchedulerFigures(worker);
        }
    }

    [Fact]
    public void A_pid_that_does_not_exist_reads_as_null()
    {
        using var sampler = new PortableThreadSampler();
        Assert.Null(sampler.Sample(int.MaxValue));
    }
}
