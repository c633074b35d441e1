using Monitor.Diagnostics.Sources.OsThreads.Windows;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

public sealed class ThreadNameCacheTests
{
    [Fact]
    public void A_thread_is_asked_its_name_once()
    {
        var asked = new List<int>();
        var cache = new ThreadNameCache(tid => { asked.Add(tid); return $"t{tid}"; });

        for (int reading = 0; reading < 20; reading++)
        {
            cache.BeginReading();
            Assert.Equal("t8", cache.NameOf(8, 1000));
            Assert.Equal("t12", cache.NameOf(12, 1000));
        }

        Assert.Equal([8, 12], asked);
    }

    [Fact]
    public void A_reused_tid_is_another_thread_and_asked_again()
    {
        var names = new Queue<string>(["first", "second"]);
        var cache = new ThreadNameCache(_ => names.Dequeue());
        cache.BeginReading();

        Assert.Equal("first", cache.NameOf(8, 1000));
        Assert.Equal("second", cache.NameOf(8, 2000));
        Assert.Equal("first", cache.NameOf(8, 1000));
    }

    [Fact]
    public void A_thread_without_a_name_yet_is_asked_again_a_few_readings_later()
    {
        int asked = 0;
        var cache = new ThreadNameCache(_ => ++asked < 3 ? null : ".NET TP Worker");
        var seen = new List<string>();

        for (int reading = 0; reading < 2 * ThreadNameCache.RetryUnnamedAfter + 1; reading++)
        {
            cache.BeginReading();
            seen.Add(cache.NameOf(8, 1000));
        }

        // Asked at readings 0, 8 and 16; named from the third time on.
        Assert.Equal(3, asked);
        Assert.Equal(2 * ThreadNameCache.RetryUnnamedAfter, seen.Count(n => n == ""));
        Assert.Equal(".NET TP Worker", seen[^1]);
    }

    [Fact]
    public void Threads_not_seen_for_a_while_are_forgotten_at_the_next_sweep()
    {
        var cache = new ThreadNameCache(tid => $"t{tid}");
        var counts = new List<int>();

        // Thread 8 is seen in the first reading only, thread 12 in every one.
        for (int reading = 1; reading <= 2 * ThreadNameCache.ForgetAfter; reading++)
        {
            cache.BeginReading();
            if (reading == 1) cache.NameOf(8, 1000);
            cache.NameOf(12, 1000);
            counts.Add(cache.Count);
        }

        // The sweep at reading 256 finds thread 8 last seen 255 readings ago: kept; the one at 512 drops it.
        Assert.Equal(2, counts[2 * ThreadNameCache.ForgetAfter - 2]);
        Assert.Equal(1, counts[^1]);
    }
}
