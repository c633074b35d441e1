using System.Diagnostics.Tracing;

namespace Monitor.Workloads;

/// <summary>
/// The workload's own events, read live through EventPipe and kept in recordings. Each WriteEvent call matches an
/// existing overload exactly: a near miss (say int, long) silently binds to another overload and corrupts the payload.
/// </summary>
[EventSource(Name = ProviderName)]
public sealed class SumEventSource : EventSource
{
    public const string ProviderName = "Monitor-Sum";
    public const int WorkerStartedId = 1;
    public const int ProgressId = 2;
    public const int WorkerFinishedId = 3;

    public static readonly SumEventSource Log = new();

    private SumEventSource() { }

    /// <summary>Emitted on the worker thread itself, so the event's thread id is the worker's OS thread id.</summary>
    [Event(WorkerStartedId, Level = EventLevel.Informational)]
    public void WorkerStarted(long worker, long start, long end) => WriteEvent(WorkerStartedId, worker, start, end);

    /// <summary>Iterations done so far by one worker, about every 100 ms.</summary>
    [Event(ProgressId, Level = EventLevel.Informational)]
    public void Progress(long worker, long iterations) => WriteEvent(ProgressId, worker, iterations);

    /// <summary>The worker's partial total as a decimal string (it may exceed 64 bits).</summary>
    [Event(WorkerFinishedId, Level = EventLevel.Informational)]
    public void WorkerFinished(long worker, string total) => WriteEvent(WorkerFinishedId, worker, total);
}
