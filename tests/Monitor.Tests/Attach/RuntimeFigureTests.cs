using Monitor.Model;

namespace Monitor.Tests.Attach;

/// <summary>One attach to the "known-rates" target, shared by the tests below.</summary>
public sealed class KnownRatesAttach : IAsyncLifetime
{
    public AttachedSnapshots Attached { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var target = await TargetApp.StartAsync("known-rates");
        Attached = await AttachedSnapshots.RecordAsync(target, seconds: 6);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Each runtime figure of `attach --json` against what the target is known to do (tests/Monitor.TargetApp,
/// KnownRates.cs: its rates follow the clock, so work a busy machine delays is caught up). Rates are compared by
/// their median over the snapshots; the bounds leave room for a shared machine, not for a wrong unit or interval.</summary>
public sealed class RuntimeFigureTests(KnownRatesAttach attach) : IClassFixture<KnownRatesAttach>
{
    // KnownRates.cs's constants.
    private const double ExceptionsPerSec = 200;
    private const double AllocBytesPerSec = 32 << 20;
    private const double WorkItemsPerSec = 100;
    private const double MethodsPerSec = 20;
    private const long LargeBytes = 64 << 20;
    private const long PinnedBytes = 8 << 20;

    private IReadOnlyList<RuntimeSample> Runtime
    {
        get
        {
            var runtime = attach.Attached.Runtime;
            Assert.True(runtime.Count >= 3, $"only {runtime.Count} snapshots with runtime figures");
            return runtime;
        }
    }

    private static double Median(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().Order().ToArray();
        Assert.NotEmpty(known);
        return known[known.Length / 2];
    }

    [Fact]
    public void Exceptions_per_second_are_what_the_target_throws() =>
        Assert.InRange(Median(Runtime.Select(r => r.ExceptionsPerSec)), ExceptionsPerSec * 0.8, ExceptionsPerSec * 1.2);

    [Fact]
    public void The_allocation_rate_is_what_the_target_allocates() =>
        // The target's other allocations (the exceptions, work items, methods) add a little.
        Assert.InRange(Median(Runtime.Select(r => r.AllocBytesPerSec)), AllocBytesPerSec * 0.8, AllocBytesPerSec * 1.3);

    [Fact]
    public void Completed_work_items_are_what_the_target_queues() =>
        Assert.InRange(Median(Runtime.Select(r => r.ThreadPoolCompletedPerSec)), WorkItemsPerSec * 0.8, WorkItemsPerSec * 1.3);

    [Fact]
    public void Methods_jitted_include_the_methods_the_target_compiles() =>
        // Tiered recompiles of the target's own code come on top.
        Assert.True(Median(Runtime.Select(r => r.MethodsJittedPerSec)) >= MethodsPerSec * 0.75);

    [Fact]
    public void The_held_arrays_are_on_the_large_and_pinned_object_heaps()
    {
        var last = Runtime[^1];
        Assert.InRange(last.LohBytes ?? 0, LargeBytes, LargeBytes + (4 << 20));
        Assert.InRange(last.PohBytes ?? 0, PinnedBytes, PinnedBytes + (1 << 20));
        Assert.NotNull(last.Gen0Bytes);
        Assert.NotNull(last.Gen1Bytes);
        Assert.NotNull(last.Gen2Bytes);
    }

    [Fact]
    public void Gc_pause_is_a_share_of_the_interval_and_shows_once_collections_happen()
    {
        Assert.All(Runtime, r => Assert.InRange(r.GcPausePercent ?? 0, 0, 100));
        var target = attach.Attached.Target;
        // 32 MB/s against a generation 0 budget of tens of MB: collections happen while attached, and pause.
        Assert.True(target[^1].GcCount > 0, "no GC while attached");
        Assert.Contains(Runtime, r => r.GcPausePercent > 0);
    }

    [Fact]
    public void An_idle_pool_is_not_starved_and_its_threads_are_the_ones_the_os_lists()
    {
        Assert.All(Runtime, r => Assert.Equal(0, r.StarvationAdjustments));
        // 100 empty items a second: one may be queued at the moment the counter reads the queue, none pile up.
        Assert.All(Runtime, r => Assert.InRange(r.ThreadPoolQueueLength ?? -1, 0, 5));
        // The runtime's count against the threads /proc names as pool workers, in the last snapshot (the pool is
        // stable here: 100 empty items a second keep a thread or few).
        var last = attach.Attached.Snapshots[^1];
        int listed = last.Threads.Count(t => t.Pid == attach.Attached.Pid && t.Name == ".NET TP Worker");
        Assert.InRange(Runtime[^1].ThreadPoolThreads ?? -1, Math.Max(1, listed - 1), listed + 1);
    }
}
