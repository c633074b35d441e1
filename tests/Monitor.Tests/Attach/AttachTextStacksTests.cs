using Monitor.Cli.Sinks;
using Monitor.Model;
using Monitor.Tests.Tui;

namespace Monitor.Tests.Attach;

/// <summary>attach --text with stacks: each thread's top frame, each lock's wait site, the hottest methods.</summary>
public sealed class AttachTextStacksTests
{
    private static Snapshot WithStacks() => CannedSnapshots.ServiceWithStacks();

    [Fact]
    public void With_stacks_the_table_names_where_threads_are_the_wait_sites_and_the_hot_methods()
    {
        var text = string.Join("\n", AttachTextSink.Block(WithStacks(), topThreads: 8, topLocks: 5));

        Assert.Contains("IN", text);
        Assert.Contains("App.Orders.Price", text.Split('\n').First(l => l.Contains("CPU%") is false && l.Contains("App.Orders.Price") && !l.Contains("61.5")));
        Assert.Contains("WAIT SITE", text);
        Assert.Contains("App.Cache.Get", text);
        Assert.Contains("HOT METHOD", text);
        Assert.Matches(@"61\.5\s+70\.0\s+App\.Orders\.Price", text);
    }

    [Fact]
    public void Without_stacks_the_table_has_no_stack_columns()
    {
        var text = string.Join("\n", AttachTextSink.Block(CannedSnapshots.Service(), topThreads: 8, topLocks: 5));

        Assert.DoesNotContain("HOT METHOD", text);
        Assert.DoesNotContain("WAIT SITE", text);
        Assert.DoesNotContain(" IN", text);
    }
}
