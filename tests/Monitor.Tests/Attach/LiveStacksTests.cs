using System.Text.Json;
using Monitor.Model;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Attach;

/// <summary>`attach --stacks` on real applications: the JSON names the hot method, the thread's stack, the lock's
/// wait site and what its owner runs; the hot method's share is checked against the threads' CPU read from /proc by
/// the test itself.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class LiveStacksTests
{
    private static async Task<(ProgramRun Run, Snapshot[] Snapshots)> AttachAsync(int pid, params string[] more)
    {
        var run = await MonitorProgram.RunAsync(["attach", pid.ToString(), "--json", "--duration", "7", .. more]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var snapshots = run.StdoutLines.Where(l => l.Contains("\"type\":\"snapshot\"")).Select(SnapshotJson.Parse).ToArray();
        return (run, snapshots);
    }

    private static double TicksOf(string statPath)
    {
        string stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11]) + double.Parse(fields[12]);
    }

    [Fact]
    public async Task The_hot_method_is_named_with_the_share_of_cpu_its_thread_used()
    {
        using var target = await TargetApp.StartAsync("cpu-hot");
        int hotTid = Directory.GetDirectories($"/proc/{target.Pid}/task")
            .Select(t => (Tid: int.Parse(Path.GetFileName(t)), Name: File.ReadAllText(Path.Combine(t, "comm")).Trim()))
            .Single(t => t.Name == "hot-worker").Tid;
        double processBefore = TicksOf($"/proc/{target.Pid}/stat"), hotBefore = TicksOf($"/proc/{target.Pid}/task/{hotTid}/stat");

        var (_, snapshots) = await AttachAsync(target.Pid, "--stacks");

        double processTicks = TicksOf($"/proc/{target.Pid}/stat") - processBefore, hotTicks = TicksOf($"/proc/{target.Pid}/task/{hotTid}/stat") - hotBefore;
        var withStacks = snapshots.Where(s => s.HotMethods is { Count: > 0 }).ToArray();
        Assert.NotEmpty(withStacks);
        var last = withStacks[^1];
        var top = last.HotMethods![0];
        Assert.Equal("Monitor.TargetApp.CpuHot.CountPrimes", top.Method);
        Assert.Equal(target.Pid, top.Pid);
        Assert.Contains(top.Callers!, c => c.Method == "Monitor.TargetApp.CpuHot.Spin");
        // The hot thread's share of the process's CPU, as /proc counts it over the whole attach (10 ms ticks).
        double share = 100 * hotTicks / processTicks;
        Assert.InRange(top.SelfPercent, share - 15, 100);
        var hot = last.Threads.Single(t => t.Tid == hotTid);
        Assert.Equal("Monitor.TargetApp.CpuHot.CountPrimes", hot.Stack![0]);
        var idle = last.Threads.Single(t => t.Name == "idle-sleeper");
        Assert.Contains("System.Threading.Thread.Sleep", idle.Stack!);
        Assert.All(last.HotMethods!, m => Assert.InRange(m.SelfPercent, 0, m.TotalPercent));
        Assert.InRange(last.HotMethods!.Where(m => m.Pid == target.Pid).Sum(m => m.SelfPercent), 0, 100.5);
        Assert.True(last.Stacks!.Enabled);
        Assert.True(last.Stacks.Samples > 100, $"{last.Stacks.Samples} samples");
        Assert.NotNull(last.Stacks.CostPercent);
    }

    [Fact]
    public async Task A_contended_lock_is_named_by_its_wait_site_and_its_owner_by_what_it_runs_live_and_in_analyze()
    {
        using var target = await TargetApp.StartAsync("lock-convoy");
        string bundle = Path.Combine(Path.GetTempPath(), $"monitor-convoy-{Guid.NewGuid():N}");
        using var _ = new DirectoryRemoval(bundle);

        var (_, snapshots) = await AttachAsync(target.Pid, "--stacks", "--record", bundle);
        var analysis = await MonitorProgram.RunAsync(["analyze", bundle, "--json"]);

        var named = snapshots.SelectMany(s => s.Contention.Locks).Where(l => l.WaitSite is not null).ToArray();
        Assert.NotEmpty(named);
        Assert.All(named, l => Assert.Equal("Monitor.TargetApp.LockConvoy.TakeTheGate", l.WaitSite));
        Assert.Contains(named, l => l.OwnerStack?.Contains("Monitor.TargetApp.LockConvoy.HoldTheGate") == true);
        Assert.All(snapshots.SelectMany(s => s.Contention.Locks), l => Assert.NotEqual(0UL, l.LockId));
        var convoy = snapshots.Last(s => s.HotMethods is { Count: > 0 }).Threads.Where(t => t.Name.StartsWith("convoy-")).ToArray();
        Assert.Equal(3, convoy.Length);
        Assert.All(convoy, t => Assert.True(t.Stack?.Contains("Monitor.TargetApp.LockConvoy.TakeTheGate"), $"{t.Name}: {string.Join(" <- ", t.Stack ?? [])}"));

        // analyze reads the recording's own stacks (the sample profiler ran throughout), not the live bursts: the same
        // lock gets the same wait site, and the hot methods are the convoy's.
        Assert.True(analysis.ExitCode == 0, analysis.ToString());
        using var report = JsonDocument.Parse(analysis.Stdout);
        var busiest = report.RootElement.GetProperty("locks")[0];
        Assert.Equal(named[0].LockId, Convert.ToUInt64(busiest.GetProperty("lockId").GetString(), 16));
        Assert.Equal("Monitor.TargetApp.LockConvoy.TakeTheGate", busiest.GetProperty("waitSite").GetString());
        var hot = report.RootElement.GetProperty("hotMethods").EnumerateArray().Select(m => m.GetProperty("method").GetString()).Take(4).ToArray();
        Assert.Contains("Monitor.TargetApp.LockConvoy.HoldTheGate", hot);
    }

    private sealed class DirectoryRemoval(string path) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public async Task Under_its_own_loopback_load_a_kestrel_service_shows_its_request_handler_among_the_hot_methods()
    {
        using var target = await TargetApp.StartAsync("aspnet");

        var (_, snapshots) = await AttachAsync(target.Pid, "--stacks");

        var last = snapshots.Last(s => s.HotMethods is { Count: > 0 });
        var handler = Assert.Single(last.HotMethods!, m => m.Method == "Monitor.TargetApp.AspNetUnderLoad.HashRounds");
        // Four clients keep the service busy; the handler's own loop is a visible share of it (about 15 % here).
        Assert.InRange(handler.SelfPercent, 2, 100);
        Assert.Contains(handler.Callers!, c => c.Method.StartsWith("Monitor.TargetApp.AspNetUnderLoad", StringComparison.Ordinal));
        Assert.Contains(last.Threads, t => t.Name.StartsWith(".NET TP Worker", StringComparison.Ordinal) && t.Stack is { Count: > 0 });
        Assert.InRange(last.HotMethods!.Where(m => m.Pid == target.Pid).Sum(m => m.SelfPercent), 0, 100.5);
    }

    [Fact]
    public async Task Without_stacks_the_snapshots_carry_none_and_a_recording_with_stacks_says_so()
    {
        using var target = await TargetApp.StartAsync("cpu-hot");
        string bundle = Path.Combine(Path.GetTempPath(), $"monitor-stacks-{Guid.NewGuid():N}");
        try
        {
            var (plain, _) = await AttachAsync(target.Pid);
            Assert.DoesNotContain("hotMethods", plain.Stdout);
            Assert.DoesNotContain("\"stacks\"", plain.Stdout);

            var (recorded, _) = await AttachAsync(target.Pid, "--stacks", "--record", bundle);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "manifest.json")));
            Assert.True(manifest.RootElement.GetProperty("stacks").GetBoolean(), recorded.ToString());
            Assert.Contains(File.ReadLines(Path.Combine(bundle, "snapshots.jsonl")), l => l.Contains("\"hotMethods\""));
        }
        finally
        {
            if (Directory.Exists(bundle)) Directory.Delete(bundle, recursive: true);
        }
    }
}
