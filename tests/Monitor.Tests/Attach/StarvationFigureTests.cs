namespace Monitor.Tests.Attach;

/// <summary>The thread pool's figures while the "starvation" target blocks pool threads on work that needs other pool
/// threads (sync over async): the pool injects threads, one starvation adjustment at a time, and work queues up.</summary>
public sealed class StarvationFigureTests
{
    [Fact]
    public async Task Threads_grow_by_starvation_adjustments_while_work_queues()
    {
        using var target = await TargetApp.StartAsync("starvation");
        var attached = await AttachedSnapshots.RecordAsync(target, seconds: 5);
        var runtime = attached.Runtime;

        Assert.True(runtime.Count >= 3, $"only {runtime.Count} snapshots with runtime figures");
        Assert.True(runtime[^1].ThreadPoolThreads > runtime[0].ThreadPoolThreads, "the pool did not grow");
        Assert.True(runtime.Sum(r => r.StarvationAdjustments ?? 0) > 0, "no starvation adjustment");
        Assert.Contains(runtime, r => r.ThreadPoolQueueLength > 0);
        // The pool's growth is what /proc sees: more threads named as pool workers at the end than at the start.
        int Workers(int i) => attached.Snapshots[i].Threads.Count(t => t.Pid == target.Pid && t.Name == ".NET TP Worker");
        Assert.True(Workers(attached.Snapshots.Count - 1) > Workers(0));
    }
}
