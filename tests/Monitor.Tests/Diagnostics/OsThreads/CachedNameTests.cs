using Monitor.Diagnostics.Sources.OsThreads.Linux;

namespace Monitor.Tests.Diagnostics.OsThreads;

public sealed class CachedNameTests
{
    [Fact]
    public void An_unchanged_name_is_the_same_string_and_a_changed_one_is_new()
    {
        var name = new CachedName();
        string first = name.Get("sum-worker-0"u8);

        Assert.Equal("sum-worker-0", first);
        Assert.Same(first, name.Get("sum-worker-0"u8));
        Assert.Equal("renamed", name.Get("renamed"u8));
    }
}
