using Monitor.Diagnostics.Sources;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>What every observed run must show about its workers, whatever the mode.</summary>
public static class WorkerEventAssertions
{
    public static void StartsComeFromTheWorkerThreads(ObservedRun run)
    {
        var started = run.Of<SumWorkerStarted>();
        Assert.Equal(run.Workers.Count, started.Length);
        foreach (var worker in run.Workers)
        {
            var e = Assert.Single(started, s => s.Worker == worker.Worker);
            Assert.NotEqual(0, worker.Tid);
            Assert.Equal(worker.Tid, e.Tid);
            Assert.Equal(worker.Start, e.Start);
            Assert.Equal(worker.End, e.End);
            Assert.Equal(run.Pid, e.Pid);
        }
    }

    public static void TotalsMatchStdout(ObservedRun run)
    {
        Assert.Null(run.Result.Failure);
        var finished = run.Of<SumWorkerFinished>();
        Assert.Equal(run.Workers.Count, finished.Length);
        foreach (var worker in run.Workers)
        {
            var e = Assert.Single(finished, f => f.Worker == worker.Worker);
            Assert.Equal(worker.Sum.ToString(), e.Total);
            Assert.Equal(worker.Tid, e.Tid);
        }
        Assert.NotEmpty(run.Of<SumProgress>());
        Assert.All(run.Of<SumProgress>(), p => Assert.Contains(run.Workers, w => w.Worker == p.Worker && w.Tid == p.Tid));
    }

    public static void EndsOnceWithoutErrorAndCleansUp(ObservedRun run)
    {
        var ended = Assert.Single(run.Of<SessionEnded>());
        Assert.Null(ended.Error);
        Assert.IsType<SessionEnded>(run.Events[^1]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, run.SocketDirectoryMode);
        Assert.True(run.SocketDirectoryRemoved, $"{run.SocketDirectory} still exists");
        Assert.True(run.SocketDirectoryRemovedBetweenRuns, $"{run.SocketDirectory} outlived the run's session");
    }
}
