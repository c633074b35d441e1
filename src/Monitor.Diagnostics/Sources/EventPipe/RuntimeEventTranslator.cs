using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// Turns the TraceEvent events of one process's session into <see cref="RuntimeEvent"/> records for a sink. Runs on
/// the session's reading thread for every event, so it allocates nothing beyond the record (and TraceEvent's boxing
/// of dynamic payload values).
/// </summary>
public sealed class RuntimeEventTranslator
{
    private const string CountersEventName = "EventCounters";

    private static readonly Guid SumProviderGuid = EventSource.GetGuid(typeof(SumEventSource));

    private readonly int _pid;
    private readonly IRuntimeEventSink _sink;

    // Contention/Stop does not name the lock: the lock a thread started waiting for is remembered until it stops.
    private readonly Dictionary<int, ulong> _awaitedLock = new();

    // ProcessStats carries the process's contentions so far; the runtime's counter (and everything that reads
    // CounterValue) counts per interval.
    private long _statsContentions;

    private RuntimeEventTranslator(int pid, IRuntimeEventSink sink)
    {
        _pid = pid;
        _sink = sink;
    }

    /// <summary>Subscribes the handlers; every event of <paramref name="source"/> is then posted as process <paramref name="pid"/>'s.</summary>
    public static void Attach(TraceEventDispatcher source, int pid, IRuntimeEventSink sink)
    {
        var translator = new RuntimeEventTranslator(pid, sink);
        // Typed runtime events come through the Clr parser; everything else (the workload's EventSource, counters)
        // only has its payload decoded through the dynamic parser: AllEvents alone would give empty payloads.
        source.Clr.ContentionStart += translator.OnContentionStart;
        source.Clr.ContentionStop += translator.OnContentionStop;
        source.Clr.GCStart += e => sink.Post(new GcStarted(pid, e.ThreadID, e.Count, e.Depth));
        source.Clr.ThreadPoolWorkerThreadAdjustmentAdjustment += e => sink.Post(new ThreadPoolAdjusted(
            pid, e.ThreadID, (int)e.NewWorkerThreadCount,
            e.Reason is ThreadAdjustmentReason.Starvation or ThreadAdjustmentReason.CooperativeBlocking));
        source.Dynamic.All += translator.OnDynamic;
    }

    private void OnContentionStart(ContentionStartTraceData e)
    {
        _awaitedLock[e.ThreadID] = e.LockID;
        _sink.Post(new ContentionStarted(_pid, e.ThreadID, e.LockID, (int)e.LockOwnerThreadID));
    }

    private void OnContentionStop(ContentionStopTraceData e)
    {
        _awaitedLock.Remove(e.ThreadID, out ulong lockId);
        _sink.Post(new ContentionStopped(_pid, e.ThreadID, lockId, e.DurationNs));
    }

    private void OnDynamic(TraceEvent e)
    {
        if (e.ProviderGuid == SumProviderGuid)
        {
            OnSum(e);
        }
        else if (e.EventName == CountersEventName)
        {
            OnCounters(e);
        }
    }

    private void OnSum(TraceEvent e)
    {
        switch ((int)e.ID)
        {
            case SumEventSource.WorkerStartedId:
                _sink.Post(new SumWorkerStarted(_pid, e.ThreadID, Worker(e), Int64(e, 1), Int64(e, 2)));
                break;
            case SumEventSource.ProgressId:
                _sink.Post(new SumProgress(_pid, e.ThreadID, Worker(e), Int64(e, 1)));
                break;
            case SumEventSource.WorkerFinishedId:
                _sink.Post(new SumWorkerFinished(_pid, e.ThreadID, Worker(e), e.PayloadValue(1) as string ?? ""));
                break;
            case SumEventSource.ProcessStatsId:
                OnProcessStats(e);
                break;
        }
    }

    /// <summary>The workload's own figures arrive as the runtime counters they stand in for (same names, same
    /// sources: GC.GetTotalMemory, the resident set, Monitor.LockContentionCount), in bytes.</summary>
    private void OnProcessStats(TraceEvent e)
    {
        long contentions = Int64(e, 2);
        _sink.Post(new CounterValue(_pid, "gc-heap-size", Int64(e, 0), "B"));
        _sink.Post(new CounterValue(_pid, "working-set", Int64(e, 1), "B"));
        _sink.Post(new CounterValue(_pid, "monitor-lock-contention-count", Math.Max(0, contentions - _statsContentions), "", IsIncrement: true));
        _statsContentions = Math.Max(_statsContentions, contentions);
    }

    private static int Worker(TraceEvent e) => (int)Int64(e, 0);

    private static long Int64(TraceEvent e, int index) => Convert.ToInt64(e.PayloadValue(index));

    /// <summary>An EventCounters event carries one counter: its only field holds a "Payload" map with the name, the
    /// value under "Mean" (a level) or "Increment" (a Sum counter) and the display units. The map's Keys throw when
    /// enumerated, so it is only ever indexed.</summary>
    private void OnCounters(TraceEvent e)
    {
        if (e.PayloadValue(0) is not IDictionary<string, object> fields
            || !fields.TryGetValue("Payload", out var inner)
            || inner is not IDictionary<string, object> payload
            || !payload.TryGetValue("Name", out var nameValue)
            || nameValue is not string name)
        {
            return;
        }
        bool isIncrement = payload.TryGetValue("CounterType", out var type) && type is string t && t == "Sum";
        if (!payload.TryGetValue(isIncrement ? "Increment" : "Mean", out var raw)) return;
        string units = payload.TryGetValue("DisplayUnits", out var u) && u is string s ? s : "";
        double? interval = payload.TryGetValue("IntervalSec", out var i) && i is not null ? Convert.ToDouble(i) : null;
        _sink.Post(new CounterValue(_pid, name, Convert.ToDouble(raw), units, isIncrement, interval));
    }
}
