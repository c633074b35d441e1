using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.Stacks;
using Monitor.Model;
using Monitor.Tests.Diagnostics.Aggregation;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Stacks;

/// <summary>Bursts joined to snapshots: hot methods weighted by the OS's thread CPU, each thread's stack, each lock's
/// wait site, and stale bursts dropped; the figures worked out by hand.</summary>
public sealed class StackAnnotationTests
{
    private const int Pid = 4242;
    private readonly ScriptedSampler _sampler = new();
    private readonly ManualClock _clock = new();
    private readonly SnapshotAggregator _aggregator;

    public StackAnnotationTests()
    {
        _aggregator = new SnapshotAggregator(_sampler, singleThreadRate: null, _clock);
        _aggregator.Watch(Pid, ProcessRole.External);
        _aggregator.SampleStacks(true, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
    }

    /// <summary>Thread 10 uses 600 ms and thread 11 200 ms of CPU in a 1 s interval; thread 12 none.</summary>
    private Snapshot TakeAfterOneSecond()
    {
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "hot", 0), Thread(11, "warm", 0), Thread(12, "idle", 0)));
        _aggregator.Prime();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "hot", 600), Thread(11, "warm", 200), Thread(12, "idle", 0)));
        return _aggregator.Take();
    }

    private StackBurst Burst()
    {
        var collector = new StackBurstCollector(Pid, _clock.GetTimestamp());
        // hot: 3 of 4 running samples in A.Leaf (called by A.Mid), 1 in A.Mid itself.
        for (int i = 0; i < 3; i++) collector.OnSample(10, true, ["A.Leaf", "A.Mid", "A.Root"]);
        collector.OnSample(10, true, ["A.Mid", "A.Root"]);
        // warm: half its running samples in B.Leaf, half in A.Leaf called by B.Root; many waiting samples that are no CPU.
        collector.OnSample(11, true, ["B.Leaf", "B.Root"]);
        collector.OnSample(11, true, ["A.Leaf", "B.Root"]);
        for (int i = 0; i < 8; i++) collector.OnSample(11, false, ["System.Threading.Monitor.Enter", "B.Take", "B.Root"]);
        collector.OnSample(12, false, ["System.Threading.Thread.Sleep", "C.Root"]);
        collector.OnContention(11, 0x99, ownerTid: 10, ["System.Threading.Monitor.Enter", "B.Take", "B.Root"]);
        return collector.Finish(_clock.GetTimestamp());
    }

    [Fact]
    public void Hot_methods_are_shares_of_the_process_cpu_each_thread_lending_its_cpu_to_its_running_stacks()
    {
        _aggregator.StacksTaken(Burst());
        var snapshot = TakeAfterOneSecond();

        var hot = snapshot.HotMethods!.ToDictionary(m => m.Method);
        // Process CPU 80 %: A.Leaf = (60 * 3/4 + 20 * 1/2) / 80 = 68.75 %; A.Mid self = 60 * 1/4 / 80 = 18.75 %.
        Assert.Equal(68.75, hot["A.Leaf"].SelfPercent, 6);
        Assert.Equal(18.75, hot["A.Mid"].SelfPercent, 6);
        Assert.Equal(12.5, hot["B.Leaf"].SelfPercent, 6);
        Assert.Equal(75, hot["A.Root"].TotalPercent, 6);
        Assert.Equal("A.Leaf", snapshot.HotMethods![0].Method);
        Assert.Equal(100, hot.Values.Sum(m => m.SelfPercent), 6);
        Assert.DoesNotContain("B.Take", hot.Keys);
        // A.Leaf's callers: A.Mid lent 45 of its 55 CPU points, B.Root 10.
        Assert.Equal("A.Mid", hot["A.Leaf"].Callers![0].Method);
        Assert.Equal(100 * 45 / 55.0, hot["A.Leaf"].Callers![0].Percent, 6);
    }

    [Fact]
    public void Each_thread_shows_its_most_frequent_stack_and_each_lock_its_wait_site_and_owner_stack()
    {
        _aggregator.StacksTaken(Burst());
        _aggregator.Post(new ContentionStarted(Pid, 11, 0x99, 10));
        var snapshot = TakeAfterOneSecond();

        var warm = snapshot.Threads.Single(t => t.Tid == 11);
        Assert.Equal(["System.Threading.Monitor.Enter", "B.Take", "B.Root"], warm.Stack);
        Assert.Equal(80, warm.StackPercent!.Value, 6);
        var gate = Assert.Single(snapshot.Contention.Locks);
        Assert.Equal("B.Take", gate.WaitSite);
        Assert.Equal(["A.Mid", "A.Root"], gate.OwnerStack);
        Assert.True(snapshot.Stacks!.Enabled);
        Assert.Equal(15, snapshot.Stacks.Samples);
    }

    [Fact]
    public void A_burst_older_than_two_and_a_half_periods_is_not_shown()
    {
        _aggregator.StacksTaken(Burst());
        _clock.Advance(TimeSpan.FromSeconds(10));
        var snapshot = TakeAfterOneSecond();

        Assert.Null(snapshot.HotMethods);
        Assert.All(snapshot.Threads, t => Assert.Null(t.Stack));
        Assert.Equal("waiting for the first burst of samples", snapshot.Stacks!.Status);
    }

    [Fact]
    public void Without_stacks_asked_for_a_snapshot_says_nothing_of_them()
    {
        var plain = new SnapshotAggregator(_sampler, singleThreadRate: null, _clock);
        plain.Watch(Pid, ProcessRole.External);
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, "hot", 0)));

        var snapshot = plain.Take();

        Assert.Null(snapshot.Stacks);
        Assert.Null(snapshot.HotMethods);
    }

    [Fact]
    public void The_json_line_carries_the_stacks_and_reads_back_the_same()
    {
        _aggregator.StacksTaken(Burst());
        _aggregator.Post(new ContentionStarted(Pid, 11, 0x99, 10));
        var snapshot = TakeAfterOneSecond();
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) SnapshotJson.Write(writer, snapshot);
        string line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        var back = SnapshotJson.Parse(line);

        Assert.Contains("\"hotMethods\":[{\"pid\":4242,\"method\":\"A.Leaf\",\"selfPercent\":68.8", line);
        Assert.Contains("\"waitSite\":\"B.Take\"", line);
        Assert.Equal(snapshot.HotMethods!.Count, back.HotMethods!.Count);
        Assert.Equal(["A.Mid", "A.Root"], back.Contention.Locks[0].OwnerStack);
        Assert.Equal(snapshot.Threads.Single(t => t.Tid == 11).Stack, back.Threads.Single(t => t.Tid == 11).Stack);
        Assert.True(back.Stacks!.Enabled);
    }

    [Fact]
    public void The_cost_is_the_targets_eventpipe_threads_cpu_averaged_over_the_last_period()
    {
        // A burst's second: the diagnostics thread used 100 ms of a 1 s interval; then three quiet seconds.
        _sampler.Set(Pid, Process(Pid, 1000, Thread(10, ".NET EventPipe", 0)));
        _aggregator.Prime();
        var costs = new List<double?>();
        foreach (double ms in new[] { 100.0, 100, 100, 100 })
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _sampler.Set(Pid, Process(Pid, 1000, Thread(10, ".NET EventPipe", ms)));
            costs.Add(_aggregator.Take().Stacks!.CostPercent);
        }

        // 10 % in the burst's interval, averaged with the quiet ones as they come: 10, 5, 3.33, 2.5.
        Assert.Equal(10, costs[0]!.Value, 6);
        Assert.Equal(5, costs[1]!.Value, 6);
        Assert.Equal(10 / 3.0, costs[2]!.Value, 6);
        Assert.Equal(2.5, costs[3]!.Value, 6);
    }
}
