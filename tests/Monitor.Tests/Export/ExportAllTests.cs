using Monitor.Tests.Attach;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Export;

/// <summary>`monitor export --all` watches every .NET process of the user: run alone (the timing-sensitive
/// collection runs after the parallel tests, one at a time), so that it watches, and samples the stacks of, no other
/// test's processes.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ExportAllTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Export_of_all_follows_every_dotnet_process_of_the_user_with_its_lock_wait_site_under_stacks()
    {
        int port = LoopbackPort.Free();
        using var export = BackgroundMonitor.Start("export", "--all", "--stacks", "--prometheus", $"127.0.0.1:{port}", "--interval", "500");
        var url = new Uri($"http://127.0.0.1:{port}/metrics");
        await Scrapes.UntilAsync(url, s => s.Named("process_memory_usage_bytes").Any(p => p.Labels["monitor_process_role"] == "monitor"), "Monitor's own process", Bound, export.ToString);

        using (var target = await TargetApp.StartAsync("lock-convoy"))
        {
            string pid = target.Pid.ToString();
            // Started after the export: found as it came, its convoy's lock named by where its threads wait.
            var seen = await Scrapes.UntilAsync(url,
                s => s.Named("monitor_lock_contentions_total").Any(p => p.Labels["process_pid"] == pid
                    && p.Labels.GetValueOrDefault("monitor_lock_wait_site") == "Monitor.TargetApp.LockConvoy.TakeTheGate"),
                $"process {pid}'s lock with its wait site", Bound, export.ToString);
            Assert.Contains(seen.Named("process_cpu_time_seconds_total"), p => p.Labels["process_pid"] == pid);
            target.Process.Kill();
            await Scrapes.UntilAsync(url, s => !s.Samples.Any(p => p.Labels.GetValueOrDefault("process_pid") == pid), $"no series of {pid}", Bound, export.ToString);
        }
        export.Signal(PosixSignals.SIGTERM);
        Assert.Equal(0, await export.WaitForExitAsync(Bound));
    }
}
