using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Diagnostics.Sources.OsThreads.Linux;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>
/// The portable reader (what Windows and macOS would fall back to) read against /proc on the same busy process, the
/// portable reading taken between two /proc readings: each thread's CPU time must lie between the two /proc figures
/// (give or take one clock tick, the unit both count in), and both must list the same threads.
/// </summary>
[Collection(TimingSensitive.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PortableAgainstProcTests(BusyWorkers workers) : IClassFixture<BusyWorkers>
{
    private const double TickMs = 10;

    [Fact]
    public async Task Each_threads_cpu_time_lies_between_two_proc_readings_around_it()
    {
        using var proc = new LinuxProcThreadSampler();
        using var portable = new PortableThreadSampler();
        // Until /proc has counted a few ticks of every worker: then a reading of 0 by the portable reader would be wrong.
        for (int wait = 0; wait < 400 && !workers.Tids.All(tid => proc.Sample(workers.Pid) is { } r && CpuMs(r, tid) > 2 * TickMs); wait++)
        {
            await Task.Delay(25);
        }
        for (int round = 0; round < 5; round++)
        {
            var before = proc.Sample(workers.Pid) ?? throw new Xunit.Sdk.XunitException("the workers' process is gone");
            var middle = portable.Sample(workers.Pid) ?? throw new Xunit.Sdk.XunitException("the workers' process is gone");
            var after = proc.Sample(workers.Pid) ?? throw new Xunit.Sdk.XunitException("the workers' process is gone");

            foreach (int tid in workers.Tids)
            {
                double low = CpuMs(before, tid), high = CpuMs(after, tid), seen = CpuMs(middle, tid);
                Assert.True(low > 2 * TickMs, $"worker thread {tid} had not run yet");
                Assert.InRange(seen, low - TickMs, high + TickMs);
            }
            // Threads the runtime starts or ends between the readings aside, both see the same ones.
            var stable = before.Threads.Select(t => t.Tid).Intersect(after.Threads.Select(t => t.Tid)).ToHashSet();
            Assert.Subset(middle.Threads.Select(t => t.Tid).ToHashSet(), stable);
            // The process's totals too, over all its threads.
            Assert.InRange(middle.UserMs + middle.SystemMs, before.UserMs + before.SystemMs - TickMs, after.UserMs + after.SystemMs + TickMs);
        }
    }

    [Fact]
    public void The_portable_reader_leaves_what_it_cannot_count_empty_not_zero()
    {
        using var portable = new PortableThreadSampler();
        var reading = portable.Sample(workers.Pid)!;
        Assert.Equal(Monitor.Model.ThreadReader.Portable, portable.Reader);
        Assert.All(reading.Threads, t => Assert.Equal("", t.Name));
        Assert.All(reading.Threads, NotCounted.SchedulerFigures);
    }

    private static double CpuMs(ProcessCounters reading, int tid) =>
        reading.Threads.SingleOrDefault(t => t.Tid == tid) is { Tid: > 0 } t ? t.UserMs + t.SystemMs : 0;
}
