using System.Diagnostics;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Runners;
using Monitor.Workloads;
using Xunit.Abstractions;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.EventPipe;

[Collection(EventPipeCollection.Name)]
public sealed class ExternalProcessSessionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper _output;

    public ExternalProcessSessionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_pid_that_does_not_exist_is_refused_as_not_found()
    {
        var e = await Assert.ThrowsAsync<AttachFailedException>(() => ExternalProcessSession.StartAsync(int.MaxValue, new CollectingSink()));
        Assert.Equal(AttachFailure.ProcessNotFound, e.Reason);
        Assert.Contains(int.MaxValue.ToString(), e.Message);
    }

    [Fact]
    public async Task A_process_that_is_not_dotnet_is_refused_as_such()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "10") { UseShellExecute = false })!;
        try
        {
            var e = await Assert.ThrowsAsync<AttachFailedException>(() => ExternalProcessSession.StartAsync(sleep.Id, new CollectingSink()));
            Assert.Equal(AttachFailure.NotDotnet, e.Reason);
            Assert.Contains("sleep", e.Message);
        }
        finally
        {
            sleep.Kill();
            await sleep.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_running_worker_is_watched_from_the_attach_on_and_left_running_when_the_session_stops()
    {
        var sink = new CollectingSink();
        await using var run = await WorkloadRunner.StartAsync(new WorkloadSpec(RunMode.Gil, 2, 1_000_000_000_000));
        var worker = run.Processes[0];
        Assert.True(SpinWait.SpinUntil(() => run.Workers.All(w => w.Iterations > 0), Bound), "the workers never reported progress");

        var listed = DotnetProcesses.List();
        var entry = Assert.Single(listed, p => p.Pid == worker.Pid);
        Assert.Contains("worker", entry.CommandLine);
        Assert.DoesNotContain(listed, p => p.Pid == Environment.ProcessId);

        var watch = Stopwatch.StartNew();
        await using var session = await ExternalProcessSession.StartAsync(worker.Pid, sink, TimeSpan.FromMilliseconds(250));
        _output.WriteLine($"attached in {watch.ElapsedMilliseconds} ms");
        Assert.True(sink.WaitFor(e => e is CounterValue { Name: "working-set" }, Bound), "no counter arrived");
        Assert.True(sink.WaitFor(e => e is SumProgress, Bound), "no progress arrived");
        await session.StopAsync();

        // Attached as any .NET process: the runtime's counters (in MB), and no ProcessStats from the workload, which
        // would count its contentions twice.
        Assert.All(sink.Of<CounterValue>().Where(c => c.Name is "working-set" or "gc-heap-size"), c => Assert.Equal("MB", c.Units));
        Assert.False(worker.Process.HasExited);
        var ended = Assert.Single(sink.Of<SessionEnded>());
        Assert.Null(ended.Error);
        Assert.All(sink.Of<SumProgress>(), p => Assert.Contains(run.Workers, w => w.Worker == p.Worker && w.Tid == p.Tid));
        _output.WriteLine($"{sink.Events.Length} events, {session.Session.BytesRead} bytes; contention {sink.Of<ContentionStarted>().Length}; " +
            string.Join(", ", sink.Of<CounterValue>().Where(c => c.Name == "monitor-lock-contention-count").Select(c => c.Value)));
    }
}
