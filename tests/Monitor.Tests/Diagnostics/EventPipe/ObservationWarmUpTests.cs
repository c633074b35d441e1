using System.Diagnostics;
using Monitor.Sessions;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>The warm-up before a run: a real EventPipe session on this very process, parsed and ended, within its
/// bound, leaving no reading thread behind.</summary>
[Collection(EventPipeCollection.Name)]
public sealed class ObservationWarmUpTests
{
    [Fact]
    public async Task Warms_up_on_its_own_runtime_within_its_bound_and_leaves_nothing_running()
    {
        if (!OperatingSystem.IsLinux()) return;
        var clock = Stopwatch.StartNew();
        bool warmed = await ObservationWarmUp.RunAsync(CancellationToken.None);
        Assert.True(clock.Elapsed < ObservationWarmUp.Bound + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(warmed, "the warm-up did not get a session on this process: ");

        // The session's reading thread ("EventPipe <pid>") ends with the session.
        string reader = $"EventPipe {Environment.ProcessId}";
        Assert.True(SpinWait.SpinUntil(() => !ThreadNames().Any(n => reader.StartsWith(n, StringComparison.Ordinal)), TimeSpan.FromSeconds(5)),
            string.Join(", ", ThreadNames()));
    }

    [Fact]
    public async Task A_cancelled_warm_up_ends_at_once_without_a_fault()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var clock = Stopwatch.StartNew();
        Assert.False(await ObservationWarmUp.RunAsync(cancelled.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    // Thread names as the kernel keeps them (15 characters at most).
    private static string[] ThreadNames() =>
        Directory.GetDirectories("/proc/self/task")
            .Select(t => { try { return File.ReadAllText(Path.Combine(t, "comm")).Trim(); } catch (IOException) { return ""; } })
            .ToArray();
}
