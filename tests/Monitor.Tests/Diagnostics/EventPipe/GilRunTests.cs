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

    /// <summary>Monitor's own workers are not asked for System.Runtime's counters: their ProcessStats event brings
    /// the three figures Monitor uses, in bytes, and nothing else arrives as a counter.</summary>
    [Fact]
    public void Process_stats_arrive_in_place_of_the_runtime_counters()
    {
        var names = _run.Of<CounterValue>().Select(c => c.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "working-set", "gc-heap-size", "monitor-lock-contention-count" }, names);
        var workingSet = _run.Of<CounterValue>().Where(c => c.Name == "working-set").ToArray();
        Assert.All(workingSet, c => Assert.Equal("B", c.Units));
        Assert.All(workingSet, c => Assert.False(c.IsIncrement));
        // A .NET process's resident set is tens of MB; the worker's own peak (getrusage, at exit) bounds it above.
        Assert.All(workingSet, c => Assert.InRange(c.Value, 5e6, _run.Result.PeakWorkingSetBytes ?? long.MaxValue));
        Assert.All(_run.Of<CounterValue>().Where(c => c.Name == "gc-heap-size"), c => Assert.True(c.Value > 0));
        Assert.All(_run.Of<CounterValue>().Where(c => c.Name == "monitor-lock-contention-count"), c => Assert.True(c.IsIncrement));
    }

    /// <summary>
    /// The process's contention count (Monitor.LockContentionCount, which the runtime's counter reads too) is reported
    /// every interval and once more after the workers end. The live count is compared with it over the same span:
    /// the contention events that arrived before the last value. The stream is in timestamp order and the count is
    /// read on the worker's main thread, so a contention that starts in the microseconds between the read and its
    /// event may land on the other side: at most one per interval, allowed for.
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
