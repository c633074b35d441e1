using Monitor.Diagnostics.Sources.OsThreads.Linux;
using System.Runtime.Versioning;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>Threads and processes end between the listing and the reading all the time: never an exception.</summary>
[Collection(TimingSensitive.Name)]
public sealed class SamplingAnEndingProcessTests
{
    public static TheoryData<string> Samplers => new() { nameof(ThreadSamplers.ForCurrentOs), nameof(PortableThreadSampler) };

    [Theory]
    [MemberData(nameof(Samplers))]
    public async Task A_worker_that_finishes_while_sampled_gives_readings_then_null(string samplerName)
    {
        using var sampler = Create(samplerName);
        await using var run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Threads, 2, 2_000_000_000));
        int pid = run.Processes.Single().Pid;

        int readings = 0;
        var last = await SampleUntilGoneAsync(sampler, pid, run.Completion, () => readings++);

        Assert.True(run.IsCompleted);
        Assert.True(readings > 0, "the worker was never read while it ran");
        Assert.Null(last);
        Assert.Null(sampler.Sample(pid));
    }

    [LinuxFact]
    [SupportedOSPlatform("linux")]
    public async Task A_worker_killed_while_sampled_from_another_thread_gives_null()
    {
        using var sampler = new LinuxProcThreadSampler();
        await using var run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Threads, 2, 200_000_000_000));
        int pid = run.Processes.Single().Pid;
        await BusyWorkers.WorkerTids(run);

        var sampling = Task.Run(() => SampleUntilGoneAsync(sampler, pid, run.Completion, () => { }));
        await Task.Delay(100);
        await run.StopAsync();

        Assert.Null(await sampling);
        Assert.Equal(0, sampler.OpenDescriptors);
    }

    /// <summary>Samples in a tight loop until the process has ended and been reaped (by the run), then once more.</summary>
    private static async Task<ProcessCounters?> SampleUntilGoneAsync(IThreadSampler sampler, int pid, Task ended, Action onReading)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!ended.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (sampler.Sample(pid) is not null) onReading();
            await Task.Yield();
        }
        try
        {
            await ended;
        }
        catch (Exception)
        {
            // a stopped run may end faulted; only the sampler is under test
        }
        return sampler.Sample(pid);
    }

    private static IThreadSampler Create(string name) =>
        name == nameof(PortableThreadSampler) ? new PortableThreadSampler() : ThreadSamplers.ForCurrentOs();
}
