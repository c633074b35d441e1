using Monitor.Diagnostics.Sources.OsThreads.Linux;
using System.Diagnostics;
using System.Runtime.Versioning;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;
using Xunit.Abstractions;

namespace Monitor.Tests.Diagnostics.OsThreads;

[Collection(TimingSensitive.Name)]
[SupportedOSPlatform("linux")]
public sealed class LinuxProcThreadSamplerTests(BusyWorkers workers, ITestOutputHelper output) : IClassFixture<BusyWorkers>
{
    [LinuxFact]
    public void Lists_the_worker_threads_by_tid_with_their_names_beside_the_runtime_threads()
    {
        using var sampler = new LinuxProcThreadSampler();

        var process = sampler.Sample(workers.Pid);

        Assert.NotNull(process);
        Assert.Equal(workers.Pid, process.Pid);
        Assert.NotEmpty(process.Name);
        Assert.Equal(process.Threads.Count, process.Threads.Select(t => t.Tid).Distinct().Count());
        for (int i = 0; i < workers.Tids.Length; i++)
        {
            var worker = Assert.Single(process.Threads, t => t.Tid == workers.Tids[i]);
            Assert.Equal($"sum-worker-{i}", worker.Name);
            Assert.NotNull(worker.OnCpuMs);
            Assert.NotNull(worker.WaitingForCpuMs);
            Assert.NotNull(worker.VoluntarySwitches);
            Assert.NotNull(worker.InvoluntarySwitches);
            Assert.NotNull(worker.StartedMs);
        }
        Assert.Contains(process.Threads, t => t.Name == ".NET Finalizer");
        Assert.Contains(process.Threads, t => t.Tid == workers.Pid); // the main thread
        Assert.True(process.WorkingSetBytes > 0);
        Assert.True(process.PeakWorkingSetBytes >= process.WorkingSetBytes);
    }

    [LinuxFact]
    public async Task Cpu_percent_from_two_readings_agrees_with_proc_stat_read_independently()
    {
        using var sampler = new LinuxProcThreadSampler();
        int pid = workers.Pid;
        int[] tids = workers.Tids;

        long start = Stopwatch.GetTimestamp();
        double[] cpuBefore = tids.Select(t => IndependentProcStat.CpuMs(pid, t)).ToArray();
        var before = sampler.Sample(pid)!;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = sampler.Sample(pid)!;
        double[] cpuAfter = tids.Select(t => IndependentProcStat.CpuMs(pid, t)).ToArray();
        double independentSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        Assert.False(workers.Run.IsCompleted, "the workers must still be busy for the comparison to mean anything");
        double seconds = ProcessCounters.SecondsBetween(before, after);
        for (int i = 0; i < tids.Length; i++)
        {
            var rates = ThreadRates.Between(
                before.Threads.Single(t => t.Tid == tids[i]),
                after.Threads.Single(t => t.Tid == tids[i]),
                seconds);
            double independent = (cpuAfter[i] - cpuBefore[i]) / (independentSeconds * 1000) * 100;

            output.WriteLine($"worker {i}: sampler {rates.CpuPercent:F2} % (user {rates.UserPercent:F2}, system {rates.SystemPercent:F2}, "
                + $"waiting {rates.CpuWaitPercent:F2}), /proc stat {independent:F2} %");
            Assert.True(cpuAfter[i] > cpuBefore[i], $"worker {i} got no CPU at all in a second");
            Assert.True(Math.Abs(rates.CpuPercent - independent) <= 3,
                $"worker {i}: sampler {rates.CpuPercent:F1} %, /proc stat {independent:F1} %");
            Assert.Equal(rates.CpuPercent, rates.UserPercent + rates.SystemPercent, 6);
        }
    }

    [LinuxFact]
    public void A_pid_that_does_not_exist_reads_as_null()
    {
        using var sampler = new LinuxProcThreadSampler();

        Assert.Null(sampler.Sample(int.MaxValue)); // above any pid_max
        Assert.Null(sampler.Sample(0));
        Assert.Null(sampler.Sample(-1));
    }
}
