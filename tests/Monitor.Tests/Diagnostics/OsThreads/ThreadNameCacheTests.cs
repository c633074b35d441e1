using Monitor.Diagnostics.Sources.OsThreads.Linux;

namespace Monitor.Tests.Diagnostics.OsThreads;

public sealed class ThreadNameCacheTests
{
    [Fact]
    public void An_unchanged_name_is_the_same_string_and_a_changed_one_is_new()
    {
        var cache = new ThreadNameCache();
        string first = cache.Get(1, 2, "sum-worker-0"u8);

        Assert.Same(first, cache.Get(1, 2, "sum-worker-0"u8));
        Assert.Equal("renamed", cache.Get(1, 2, "renamed"u8));
        Assert.Equal("sum-worker-0", cache.Get(3, 2, "sum-worker-0"u8)); // another process, same tid
    }

    [Fact]
    public void Threads_not_seen_for_a_while_are_forgotten()
    {
        var cache = new ThreadNameCache();
        cache.Get(1, 2, "gone"u8);
        for (int round = 0; round < 600; round++)
        {
            cache.NextRound();
            cache.Get(1, 3, "alive"u8);
        }

        Assert.Equal(1, cache.Count);
    }
}
