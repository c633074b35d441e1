using System.Runtime.Versioning;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Diagnostics.Sources.OsThreads.Windows;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

/// <summary>The sampler against the real system table: runs on Windows only (skipped, visibly, elsewhere).</summary>
public sealed class WindowsThreadSamplerTests
{
    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public void Reads_this_process_with_a_named_busy_thread()
    {
        using var stop = new ManualResetEventSlim();
        var thread = new Thread(() => { while (!stop.IsSet) Thread.SpinWait(1000); }) { Name = "windows-sampler-test", IsBackground = true };
        thread.Start();
        try
        {
            Thread.Sleep(200);
            using var sampler = new WindowsThreadSampler();

            var reading = sampler.Sample(Environment.ProcessId)!;

            Assert.Equal(Environment.ProcessId, reading.Pid);
            Assert.True(reading.WorkingSetBytes > 0 && reading.PeakWorkingSetBytes >= reading.WorkingSetBytes);
            var busy = Assert.Single(reading.Threads, t => t.Name == "windows-sampler-test");
            Assert.True(busy.UserMs > 0);
            double startedAgoMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - busy.StartedMs!.Value;
            Assert.InRange(startedAgoMs, 0, 60_000);
            Assert.Null(sampler.Sample(int.MaxValue - 3));
            using var forThisOs = ThreadSamplers.ForCurrentOs();
            Assert.IsType<WindowsThreadSampler>(forThisOs);
        }
        finally
        {
            stop.Set();
            thread.Join();
        }
    }
}
