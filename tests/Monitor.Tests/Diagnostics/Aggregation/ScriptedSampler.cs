using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>An OS sampler that returns readings set by the test, so the aggregator's arithmetic can be checked
/// against known numbers.</summary>
internal sealed class ScriptedSampler : IThreadSampler
{
    private readonly Dictionary<int, ProcessCounters?> _next = new();

    /// <summary>Readings with every figure, as /proc gives them; a test of a poorer reader sets another.</summary>
    public ThreadReader Reader { get; init; } = ThreadReader.Proc;

    public void Set(int pid, ProcessCounters? reading) => _next[pid] = reading;

    public ProcessCounters? Sample(int pid) => _next.GetValueOrDefault(pid);

    public void Dispose() { }

    public static ThreadCounters Thread(int tid, string name, double userMs, double systemMs = 0, double? onCpuMs = null,
        double? waitingMs = null, long? voluntary = null, long? involuntary = null) =>
        new(tid, name, 'R', userMs, systemMs, onCpuMs, waitingMs, voluntary, involuntary, StartedMs: 1);

    public static ProcessCounters Process(int pid, long workingSet, params ThreadCounters[] threads) =>
        new(pid, "monitor", 0, workingSet, workingSet, threads.Sum(t => t.UserMs), threads.Sum(t => t.SystemMs), threads);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += (long)(by.TotalSeconds * TimestampFrequency);
}
