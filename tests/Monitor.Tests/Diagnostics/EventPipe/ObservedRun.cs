using System.Diagnostics;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>One workload run to its end under a <see cref="DiagnosticPortObserver"/>, with everything it posted, its
/// result and what the stream cost; shared by the facts of a class.</summary>
public abstract class ObservedRun : IAsyncLifetime
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly WorkloadSpec _spec;
    private readonly TimeSpan _counterInterval;

    protected ObservedRun(WorkloadSpec spec, TimeSpan counterInterval)
    {
        _spec = spec;
        _counterInterval = counterInterval;
    }

    public CollectingSink Sink { get; } = new();
    public RunResult Result { get; private set; } = null!;
    public IReadOnlyList<WorkerState> Workers { get; private set; } = [];
    public RuntimeEvent[] Events { get; private set; } = [];
    public int Pid { get; private set; }
    public long StreamBytes { get; private set; }
    public TimeSpan StartLatency { get; private set; }
    public string? SocketDirectory { get; private set; }
    public UnixFileMode SocketDirectoryMode { get; private set; }
    public bool SocketDirectoryRemoved { get; private set; }
    /// <summary>Gone already when the run's only session had ended, before the observer is disposed (a UI between runs).</summary>
    public bool SocketDirectoryRemovedBetweenRuns { get; private set; }

    protected virtual Stream? RecordingFor(int pid) => null;

    public async Task InitializeAsync()
    {
        var observer = new DiagnosticPortObserver(Sink, _counterInterval, RecordingFor);
        try
        {
            var watch = Stopwatch.StartNew();
            await using var run = await WorkloadRunner.StartAsync(_spec, observer);
            StartLatency = watch.Elapsed;
            SocketDirectory = observer.SocketDirectory;
            if (!OperatingSystem.IsWindows()) SocketDirectoryMode = File.GetUnixFileMode(SocketDirectory!);
            Result = await run.Completion.WaitAsync(Bound);
            Workers = run.Workers;
            var session = Assert.Single(observer.Sessions);
            await session.Completion.WaitAsync(Bound);
            SocketDirectoryRemovedBetweenRuns = !Directory.Exists(SocketDirectory) && observer.SocketDirectory is null;
            Pid = session.Pid;
            StreamBytes = session.BytesRead;
        }
        finally
        {
            await observer.DisposeAsync();
        }
        SocketDirectoryRemoved = !Directory.Exists(SocketDirectory);
        Events = Sink.Events;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public T[] Of<T>() where T : RuntimeEvent => Events.OfType<T>().ToArray();

    public string Summary() =>
        $"{_spec.Mode} x{_spec.Workers} N={_spec.N:N0}: started+attached in {StartLatency.TotalMilliseconds:0} ms, run {Result.ElapsedMs:0} ms, " +
        $"{Events.Length} events ({Events.Length / (Result.ElapsedMs / 1000):0}/s), {StreamBytes:N0} stream bytes ({StreamBytes / (Result.ElapsedMs / 1000):N0} B/s); " +
        string.Join(", ", Events.GroupBy(e => e.GetType().Name).Select(g => $"{g.Key} {g.Count()}"));
}
