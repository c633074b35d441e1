using System.Diagnostics;
using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Tests.Reliability;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>
/// A session that really fails while its worker computes on: the connections to a real worker's runtime are shut down
/// under a real observer (as a broken transport would), so the session ends by itself with its worker alive. The
/// aggregator, fed by that session, must say in its snapshots that the runtime's events stopped, and keep giving the
/// OS figures.
/// </summary>
[Collection(EventPipeCollection.Name)]
public sealed class FailedSessionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_session_broken_while_its_worker_computes_on_marks_the_process_runtime_events_stopped()
    {
        if (!OperatingSystem.IsLinux()) return;
        var events = new CollectingSink();
        using var aggregator = new SnapshotAggregator(ThreadSamplers.ForCurrentOs(), singleThreadRate: null);
        await using var observer = new DiagnosticPortObserver(new Tee(aggregator, events));
        await using var run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Threads, 2, WorkloadLimits.MaxN), observer);
        aggregator.Follow(run);
        var worker = Assert.Single(run.Processes);
        Assert.True(events.WaitFor(e => e is SumProgress, Bound), "no progress before the break");
        Assert.Null(WorkerIn(aggregator.Take(), worker.Pid).DiagnosticsStatus);

        int broken = DiagnosticConnections.BreakOwn(observer.SocketDirectory!);
        Assert.True(broken > 0, "no connection to the worker was found");
        Assert.True(events.WaitFor(e => e is SessionEnded, Bound), "the session did not end");

        var ended = Assert.Single(events.Of<SessionEnded>());
        Assert.Equal(worker.Pid, ended.Pid);
        Assert.NotNull(ended.Error);
        Assert.Contains("runs on", ended.Error);
        Assert.True(ended.ProcessRunsOn);
        Assert.False(worker.Process.HasExited, "the worker should compute on");
        var stopped = WorkerIn(aggregator.Take(), worker.Pid);
        Assert.Equal("runtime events stopped: " + ended.Error, stopped.DiagnosticsStatus);
        Assert.False(stopped.Exited);

        // The OS figures go on: the worker's CPU time still grows, snapshot after snapshot, with the status kept.
        var clock = Stopwatch.StartNew();
        ProcessSample later;
        do
        {
            await Task.Delay(200);
            later = WorkerIn(aggregator.Take(), worker.Pid);
        }
        while (later.CpuMs <= stopped.CpuMs && clock.Elapsed < Bound);
        Assert.True(later.CpuMs > stopped.CpuMs, $"the worker's CPU time stayed at {later.CpuMs} ms");
        Assert.Equal(stopped.DiagnosticsStatus, later.DiagnosticsStatus);
        Assert.False(run.IsCompleted);

        await run.StopAsync();
    }

    private static ProcessSample WorkerIn(Snapshot snapshot, int pid) => Assert.Single(snapshot.Processes, p => p.Pid == pid);

    private sealed class Tee(params IRuntimeEventSink[] sinks) : IRuntimeEventSink
    {
        public void Post(RuntimeEvent e)
        {
            foreach (var sink in sinks) sink.Post(e);
        }
    }
}
