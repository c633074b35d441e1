using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.EventPipe;

[Collection(EventPipeCollection.Name)]
public sealed class KilledWorkerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_killed_worker_ends_its_session_with_an_error_and_leaves_no_socket()
    {
        var sink = new CollectingSink();
        await using var observer = new DiagnosticPortObserver(sink);
        await using var run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Gil, 2, 1_000_000_000_000), observer);
        var worker = run.Processes[0];
        Assert.True(sink.WaitFor(e => e is SumProgress, Bound), "no progress before the kill");

        worker.Process.Kill();
        Assert.True(sink.WaitFor(e => e is SessionEnded, Bound), "the session did not end");

        var ended = Assert.Single(sink.Of<SessionEnded>());
        Assert.Equal(worker.Pid, ended.Pid);
        Assert.NotNull(ended.Error);
        Assert.Contains(worker.Pid.ToString(), ended.Error);
        Assert.False(ended.ProcessRunsOn); // its events stopped with it: no news beyond "exited"
        Assert.Empty(DefaultDiagnosticSockets.Of(worker.Pid));
        Assert.NotNull((await run.Completion.WaitAsync(Bound)).Failure);
    }
}
