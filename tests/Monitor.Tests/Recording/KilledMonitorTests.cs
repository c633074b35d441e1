using System.Diagnostics;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;
using Monitor.Tests.Runners;

namespace Monitor.Tests.Recording;

/// <summary>A Monitor killed with SIGKILL mid-recording leaves a bundle that says it is incomplete and can still be
/// read: analyze reports what it holds, marked incomplete, exit 2.</summary>
public sealed class KilledMonitorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_bundle_from_a_killed_monitor_is_incomplete_and_still_analyzable()
    {
        string bundle = _dir.Combine("bundle");
        var start = new ProcessStartInfo(MonitorProgram.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "run", "--mode", "gil", "--workers", "2", "--n", "1e11", "--interval", "200", "--record", bundle, "--json" }) start.ArgumentList.Add(a);
        using var monitor = Process.Start(start)!;
        var workers = new List<int>();
        try
        {
            // Wait until the worker's trace holds the workload's own events and at least one snapshot is on disk. A
            // trace's size says nothing of which events it holds (under load its first 4 KB were once all runtime
            // events): the metadata of the first Progress event names it, and the block after it is whole once the
            // file has grown again.
            var deadline = Stopwatch.StartNew();
            long sizeWhenProgressSeen = -1;
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                var traces = Directory.Exists(bundle) ? Directory.GetFiles(bundle, "*.nettrace") : [];
                bool snapshot = File.Exists(Path.Combine(bundle, BundleLayout.Snapshots)) && new FileInfo(Path.Combine(bundle, BundleLayout.Snapshots)).Length > 0;
                if (traces.Length > 0 && snapshot)
                {
                    long size = new FileInfo(traces[0]).Length;
                    if (sizeWhenProgressSeen < 0 && Contains(File.ReadAllBytes(traces[0]), ProgressName)) sizeWhenProgressSeen = size;
                    if (sizeWhenProgressSeen >= 0 && size > sizeWhenProgressSeen) break;
                }
                await Task.Delay(100);
            }
            workers.AddRange(ProcFs.WorkersOf(monitor.Id));
            monitor.Kill(entireProcessTree: false);
            await monitor.WaitForExitAsync();
        }
        finally
        {
            if (!monitor.HasExited) monitor.Kill(entireProcessTree: true);
        }
        // Workers watch their parent and leave within a second; make sure none outlives the test.
        var gone = Stopwatch.StartNew();
        while (workers.Any(IsAlive) && gone.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(100);
        foreach (var pid in workers.Where(IsAlive)) Process.GetProcessById(pid).Kill();

        Assert.False(File.Exists(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.True(File.Exists(Path.Combine(bundle, BundleLayout.PartialManifest)));

        var (analyze, report) = await RecordedRun.AnalyzeAsync(bundle);
        Assert.Equal(2, analyze.ExitCode);
        var line = Assert.Single(analyze.StderrLines);
        Assert.Contains("incomplete", line);
        Assert.DoesNotContain("   at ", analyze.Stderr);
        var r = report!.Value;
        Assert.False(r.GetProperty("complete").GetBoolean());
        var worker = r.GetProperty("processes").EnumerateArray().First(p => p.GetProperty("role").GetString() == "worker");
        Assert.True(worker.GetProperty("eventCount").GetInt64() > 0);
        Assert.Equal("gil", r.GetProperty("mode").GetString());
        Assert.True(r.GetProperty("workerThreads").GetArrayLength() > 0, "the workers' start events were recorded");

        var replay = await MonitorProgram.RunAsync("replay", bundle, "--json");
        Assert.Equal(2, replay.ExitCode);
        Assert.NotEmpty(replay.StdoutLines);
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>The Monitor-Sum Progress event's name as its metadata holds it (UTF-16).</summary>
    private static readonly byte[] ProgressName = System.Text.Encoding.Unicode.GetBytes(nameof(global::Monitor.Workloads.SumEventSource.Progress));

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
