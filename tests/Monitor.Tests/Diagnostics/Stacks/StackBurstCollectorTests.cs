using Monitor.Diagnostics.Sources.Stacks;

namespace Monitor.Tests.Diagnostics.Stacks;

/// <summary>One burst's samples and contention events, fed by hand, against counts worked out by hand.</summary>
public sealed class StackBurstCollectorTests
{
    private static readonly string[] Hot = ["App.Work.Inner", "App.Work.Outer", "System.Threading.Thread.StartCallback"];
    private static readonly string[] Waiting = ["System.Threading.Monitor.Enter_Slowpath", "System.Threading.Monitor.Enter", "App.Gate.Take", "App.Gate.Loop"];
    private static readonly string[] Holding = ["App.Gate.Hold", "App.Gate.Take", "App.Gate.Loop"];

    [Fact]
    public void Running_samples_count_self_and_total_time_and_callers_while_every_sample_counts_for_the_top_stacks()
    {
        var collector = new StackBurstCollector(pid: 5, startedAt: 0);
        for (int i = 0; i < 3; i++) collector.OnSample(10, running: true, Hot);
        collector.OnSample(10, running: true, ["App.Work.Outer", "System.Threading.Thread.StartCallback"]);
        for (int i = 0; i < 6; i++) collector.OnSample(10, running: false, Waiting);

        var thread = collector.Finish(endedAt: 1).Threads[10];

        Assert.Equal(10, thread.Samples);
        Assert.Equal(4, thread.RunningSamples);
        Assert.Equal(Waiting, thread.TopStacks[0].Frames);
        Assert.Equal(6, thread.TopStacks[0].Count);
        Assert.Equal(3, thread.Methods["App.Work.Inner"].Self);
        Assert.Equal(1, thread.Methods["App.Work.Outer"].Self);
        Assert.Equal(4, thread.Methods["App.Work.Outer"].Total);
        Assert.Equal(3, thread.Methods["App.Work.Inner"].Callers["App.Work.Outer"]);
        // Waiting samples are not CPU: their methods are not counted.
        Assert.False(thread.Methods.ContainsKey("App.Gate.Take"));
    }

    [Fact]
    public void A_recursive_method_counts_once_per_sample_in_its_total()
    {
        var collector = new StackBurstCollector(5, 0);
        collector.OnSample(10, true, ["App.Fib", "App.Fib", "App.Fib", "App.Main"]);

        var methods = collector.Finish(1).Threads[10].Methods;

        Assert.Equal(1, methods["App.Fib"].Total);
        Assert.Equal(1, methods["App.Fib"].Self);
    }

    [Fact]
    public void A_lock_gets_the_waiters_first_frame_outside_the_locking_code_and_the_owners_latest_stack()
    {
        var collector = new StackBurstCollector(5, 0);
        collector.OnSample(20, true, Holding);
        collector.OnContention(21, lockId: 0x7f00, ownerTid: 20, Waiting);
        collector.OnSample(20, false, Waiting);
        collector.OnSample(21, true, Holding);
        collector.OnContention(20, 0x7f00, 21, Waiting);
        collector.OnContention(22, 0, 21, Waiting);

        var burst = collector.Finish(1);

        var site = Assert.Single(burst.Locks).Value;
        Assert.Equal("App.Gate.Take", site.WaitSite);
        Assert.Equal(Holding, site.OwnerStack);
    }

    [Theory]
    [InlineData("App.Work.Inner(int32,class System.String)", "App.Work.Inner")]
    [InlineData("App.Work.Inner", "App.Work.Inner")]
    [InlineData("", MethodNames.Unresolved)]
    [InlineData(null, MethodNames.Unresolved)]
    public void A_frame_is_named_without_its_signature(string? full, string expected) => Assert.Equal(expected, MethodNames.Of(full));

    [Fact]
    public void A_wait_site_is_null_when_every_frame_is_locking_code_or_unknown() =>
        Assert.Null(MethodNames.WaitSite(["System.Threading.Monitor.Enter", MethodNames.Unresolved]));
}
