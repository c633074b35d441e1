using Monitor.Diagnostics.Sources;
using Xunit.Abstractions;

namespace Monitor.Tests.Diagnostics.EventPipe;

[Collection(EventPipeCollection.Name)]
public sealed class ThreadsRunTests : IClassFixture<ThreadsRun>
{
    private readonly ThreadsRun _run;

    public ThreadsRunTests(ThreadsRun run, ITestOutputHelper output)
    {
        _run = run;
        output.WriteLine(run.Summary());
    }

    [Fact]
    public void Worker_starts_come_from_the_threads_the_workers_reported() => WorkerEventAssertions.StartsComeFromTheWorkerThreads(_run);

    [Fact]
    public void Worker_totals_match_stdout() => WorkerEventAssertions.TotalsMatchStdout(_run);

    [Fact]
    public void Session_ends_once_without_error_and_leaves_no_socket_directory() => WorkerEventAssertions.EndsOnceWithoutErrorAndCleansUp(_run);

    /// <summary>Free threads share nothing; the runtime may still contend on a lock of its own now and then.</summary>
    [Fact]
    public void Free_threads_barely_contend() => Assert.True(_run.Of<ContentionStarted>().Length <= 5, $"{_run.Of<ContentionStarted>().Length} contentions");

    [Fact]
    public void A_recording_that_fails_is_given_up_after_its_first_failure_and_the_session_goes_on()
    {
        // The recorder's own stream tells it why (RecordedProcessStream fails the recorder; FullDiskTests show what the
        // user reads); the session stops copying at once and reads every event to the end.
        Assert.Equal(1, _run.Recording.Writes);
        Assert.Equal(_run.Workers.Count, _run.Of<SumWorkerFinished>().Length);
    }
}
