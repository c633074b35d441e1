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
    public const int ProcessStatsId = 4;

    /// <summary>The provider argument that asks for <see cref="ProcessStats"/> every so many seconds. Without it the
    /// event is never written: a session that wants these figures from the runtime's own counters gets no copy.</summary>
    public const string StatsIntervalArgument = "StatsIntervalSec";

    public static readonly SumEventSource Log = new();

    private long _statsIntervalTicks;

    private SumEventSource() { }

    /// <summary>How often <see cref="ProcessStats"/> is asked for, or null when no session asks.</summary>
    public TimeSpan? StatsInterval
    {
        get
        {
            long ticks = Interlocked.Read(ref _statsIntervalTicks);
            return ticks > 0 && IsEnabled() ? TimeSpan.FromTicks(ticks) : null;
        }
    }

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (command.Command == EventCommand.Disable)
        {
            Interlocked.Exchange(ref _statsIntervalTicks, 0);
        }
        else if (command.Arguments is { } arguments
                 && arguments.TryGetValue(StatsIntervalArgument, out var text)
                 && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
                 && seconds is > 0 and <= 3600)
        {
            Interlocked.Exchange(ref _statsIntervalTicks, TimeSpan.FromSeconds(seconds).Ticks);
        }
    }

    /// <summary>Emitted on the worker thread itself, so the event's thread id is the worker's OS thread id.</summary>
    [Event(WorkerStartedId, Level = EventLevel.Informational)]
    public void WorkerStarted(long worker, long start, long end) => WriteEvent(WorkerStartedId, worker, start, end);

    /// <summary>Iterations done so far by one worker, about every 100 ms.</summary>
    [Event(ProgressId, Level = EventLevel.Informational)]
    public void Progress(long worker, long iterations) => WriteEvent(ProgressId, worker, iterations);

    /// <summary>The worker's partial total as a decimal string (it may exceed 64 bits).</summary>
    [Event(WorkerFinishedId, Level = EventLevel.Informational)]
    public void WorkerFinished(long worker, string total) => WriteEvent(WorkerFinishedId, worker, total);

    /// <summary>The process's GC heap, resident memory (bytes) and lock contentions so far: the figures Monitor would
    /// otherwise take from the runtime's System.Runtime counters, read from the same APIs those counters read, at a
    /// fraction of their cost (see <see cref="ProcessStatsReporter"/>).</summary>
    [Event(ProcessStatsId, Level = EventLevel.Informational)]
    public void ProcessStats(long gcHeapBytes, long workingSetBytes, long lockContentions) =>
        WriteEvent(ProcessStatsId, gcHeapBytes, workingSetBytes, lockContentions);
}
