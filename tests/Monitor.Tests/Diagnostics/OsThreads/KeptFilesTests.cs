using Monitor.Diagnostics.Sources.OsThreads.Linux;
using System.Runtime.Versioning;
using Monitor.Diagnostics.Sources.OsThreads;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>The Linux sampler keeps each thread's files open between readings: they must be closed as threads end,
/// and a small descriptor budget must only make it slower, never blind. Reads this test process itself.</summary>
[SupportedOSPlatform("linux")]
public sealed class KeptFilesTests
{
    private static readonly int FilesPerThread = File.Exists("/proc/self/schedstat") ? 3 : 2;

    [LinuxFact]
    public void A_thread_that_ended_is_left_out_and_its_files_closed()
    {
        using var sampler = new LinuxProcThreadSampler();
        using var release = new ManualResetEventSlim();
        int tid = 0;
        var thread = new Thread(() =>
        {
            Volatile.Write(ref tid, Monitor.Workloads.OsThreadId.Current());
            release.Wait();
        })
        { Name = "short-lived" };
        thread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref tid) != 0);

        var during = sampler.Sample(Environment.ProcessId)!;
        Assert.Equal("short-lived", Assert.Single(during.Threads, t => t.Tid == tid).Name);
        Assert.Equal(3 + FilesPerThread * during.Threads.Count, sampler.OpenDescriptors);

        release.Set();
        thread.Join();
        // Join returns when the managed thread is done; the OS thread leaves /proc a moment later.
        SpinWait.SpinUntil(() => !Directory.Exists($"/proc/self/task/{tid}"), TimeSpan.FromSeconds(10));
        var after = sampler.Sample(Environment.ProcessId)!;

        Assert.DoesNotContain(after.Threads, t => t.Tid == tid);
        Assert.Equal(3 + FilesPerThread * after.Threads.Count, sampler.OpenDescriptors);
    }

    [LinuxFact]
    public void Past_its_descriptor_budget_it_reads_files_by_path()
    {
        using var sampler = new LinuxProcThreadSampler(descriptorBudget: 4);

        var first = sampler.Sample(Environment.ProcessId)!;
        var second = sampler.Sample(Environment.ProcessId)!;

        Assert.True(sampler.OpenDescriptors <= 4);
        Assert.Contains(second.Threads, t => t.Tid == Environment.ProcessId);
        Assert.Contains(second.Threads, t => t.Name == ".NET Finalizer" && t.OnCpuMs is not null && t.VoluntarySwitches is not null);
        Assert.True(first.Threads.Count > 3);
    }

    [LinuxFact]
    public void Disposing_closes_every_file()
    {
        var sampler = new LinuxProcThreadSampler();
        sampler.Sample(Environment.ProcessId);
        Assert.True(sampler.OpenDescriptors > 0);

        sampler.Dispose();

        Assert.Equal(0, sampler.OpenDescriptors);
        Assert.Throws<ObjectDisposedException>(() => sampler.Sample(Environment.ProcessId));
    }
}
