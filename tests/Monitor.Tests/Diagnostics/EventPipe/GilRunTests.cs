using Microsoft.Diagnostics.Tracing;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.EventPipe;
using Xunit.Abstractions;

namespace Monitor.Tests.Diagnostics.EventPipe;

[Collection(EventPipeCollection.Name)]
public sealed class GilRunTests : IClassFixture<GilRun>
{
    private readonly GilRun _run;
    private readonly ITestOutputHelper _output;

    public GilRunTests(GilRun run, ITestOutputHelper output)
    {
        _run = run;
        _output = output;
        output.WriteLine(run.Summary());
    }

    [Fact]
    public void Worker_starts_come_from_the_threads_the_workers_reported() => WorkerEventAssertions.StartsComeFromTheWorkerThreads(_run);

    [Fact]
    public void Worker_totals_match_stdout() => WorkerEventAssertions.TotalsMatchStdout(_run);

    [Fact]
    public void Session_ends_once_without_error_and_leaves_no_socket_directory() => WorkerEventAssertions.EndsOnceWithoutErrorAndCleansUp(_run);

    /// <summary>The workers wait for each other; the process's own start-up may add a wait or two between runtime
    /// threads (seen: the main thread holding a lock another thread wanted), which are not the workload's. The owner
    /// is an OS thread id, the waiter's peer.</summary>
    [Fact]
    public void Contention_is_between_the_worker_threads()
    {
        var tids = _run.Workers.Select(w => w.Tid).ToHashSet();
        var started = _run.Of<ContentionStarted>();
        var workerWaits = started.Where(c => tids.Contains(c.Tid)).ToArray();
        Assert.NotEmpty(workerWaits);
        // The owner is 0 when the lock changed hands between the failed try and the event (most waits, here).
        Assert.All(workerWaits, c => Assert.True(c.OwnerTid == 0 || tids.Contains(c.OwnerTid), $"owner {c.OwnerTid}"));
        Assert.All(workerWaits, c => Assert.NotEqual(c.Tid, c.OwnerTid));
        Assert.Single(workerWaits.Select(c => c.LockId).Distinct());
        Assert.True(started.Length - workerWaits.Length <= 3, $"{started.Length - workerWaits.Length} waits outside the workers");

        var stopped = _run.Of<ContentionStopped>();
        Assert.Equal(started.Length, stopped.Length);
        Assert.All(stopped, c => Assert.True(c.DurationNs > 0));
        Assert.Equal(workerWaits.Length, stopped.Count(c => tids.Contains(c.Tid) && c.LockId == workerWaits[0].LockId));
    }

    [Fact]
    public void Runtime_counters_arrive()
    {
        var names = _run.Of<CounterValue>().Select(c => c.Name).ToHashSet();
        Assert.Contains("working-set", names);
        Assert.Contains("gc-heap-size", names);
        Assert.Contains("monitor-lock-contention-count", names);
        var workingSet = _run.Of<CounterValue>().First(c => c.Name == "working-set");
        Assert.Equal("MB", workingSet.Units);
        Assert.False(workingSet.IsIncrement);
        Assert.True(workingSet.Value > 1);
        Assert.All(_run.Of<CounterValue>().Where(c => c.Name == "monitor-lock-contention-count"), c => Assert.True(c.IsIncrement));
    }

    /// <summary>
    /// The runtime's counter only reports contentions up to its last interval: whatever happens between the last
    /// counter tick and the end of the process is never counted. So the live count is compared with the counter over
    /// the same span: the contention events that arrived before the last counter value. The stream is in timestamp
    /// order and the counter is read on its own thread, so a contention that starts in the microseconds between the
    /// counter's read and its event may land on the other side: at most one per interval, allowed for.
    /// </summary>
    [Fact]
    public void Live_contention_count_matches_the_runtime_counter_over_the_same_span()
    {
        var events = _run.Events;
        int lastCounter = Array.FindLastIndex(events, e => e is CounterValue { Name: "monitor-lock-contention-count" });
        Assert.True(lastCounter >= 0, "no monitor-lock-contention-count value arrived");
        var increments = events.Take(lastCounter + 1).OfType<CounterValue>().Where(c => c.Name == "monitor-lock-contention-count").ToArray();
        double counted = increments.Sum(c => c.Value);
        int live = events.Take(lastCounter).Count(e => e is ContentionStarted);
        int total = _run.Of<ContentionStarted>().Length;
        _output.WriteLine($"live {live} before the last counter value ({total} in all), counter {counted} over {increments.Length} intervals");
        Assert.True(Math.Abs(live - counted) <= increments.Length,
            $"live {live} before the last counter value (of {total} in all), counter {counted} over {increments.Length} intervals");
    }

    [Fact]
    public async Task Recording_is_byte_for_byte_what_was_parsed()
    {
        byte[] bytes = _run.Recording.ToArray();
        Assert.Equal(_run.StreamBytes, bytes.LongLength);
        string path = Path.Combine(Path.GetTempPath(), $"monitor-test-{Guid.NewGuid():N}.nettrace");
        try
        {
            await File.WriteAllBytesAsync(path, bytes);
            var replay = new CollectingSink();
            using (var source = new EventPipeEventSource(path))
            {
                RuntimeEventTranslator.Attach(source, _run.Pid, replay);
                source.Process();
            }
            Assert.Equal(
                _run.Events.Where(e => e is not SessionEnded).Select(e => e.ToString()),
                replay.Events.Select(e => e.ToString()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
