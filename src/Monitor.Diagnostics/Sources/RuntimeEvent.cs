namespace Monitor.Diagnostics.Sources;

/// <summary>
/// What an EventPipe session tells its sink (the live aggregator, or analyze's reader of a recording), reduced to plain
/// data. <c>Tid</c> is the OS thread id of the thread that emitted the event.
/// </summary>
public abstract record RuntimeEvent(int Pid, int Tid);

/// <summary>A thread started waiting for a lock held by <see cref="OwnerTid"/> (0 when unknown).</summary>
public sealed record ContentionStarted(int Pid, int Tid, ulong LockId, int OwnerTid) : RuntimeEvent(Pid, Tid);

/// <summary>The wait ended after <see cref="DurationNs"/>.</summary>
public sealed record ContentionStopped(int Pid, int Tid, ulong LockId, double DurationNs) : RuntimeEvent(Pid, Tid);

public sealed record GcStarted(int Pid, int Tid, int Count, int Generation) : RuntimeEvent(Pid, Tid);

/// <summary>A value of one of the runtime's counters (System.Runtime), e.g. "gc-heap-size" in MB, "working-set"; or
/// the same figure from a Monitor worker's own ProcessStats event, in bytes ("B").
/// <see cref="IsIncrement"/> is true for a counter of type Sum (e.g. "monitor-lock-contention-count"): then
/// <see cref="Value"/> is the increment over the last counter interval, not a level. <see cref="IntervalSec"/> is
/// that interval as the runtime measured it (null where the event does not say).</summary>
public sealed record CounterValue(int Pid, string Name, double Value, string Units, bool IsIncrement = false, double? IntervalSec = null) : RuntimeEvent(Pid, 0);

/// <summary>The thread pool set its thread count goal to <see cref="NewThreadCount"/>; <see cref="Starved"/>: because
/// work waited while its threads were blocked (reasons Starvation and CooperativeBlocking), not hill climbing.</summary>
public sealed record ThreadPoolAdjusted(int Pid, int Tid, int NewThreadCount, bool Starved) : RuntimeEvent(Pid, Tid);

/// <summary>The workload's own events (provider Monitor-Sum).</summary>
public sealed record SumWorkerStarted(int Pid, int Tid, int Worker, long Start, long End) : RuntimeEvent(Pid, Tid);

/// <summary>A worker's iterations so far. analyze counts them from a recording; the live view takes progress from the
/// worker's own lines instead, which also carry its CPU time.</summary>
public sealed record SumProgress(int Pid, int Tid, int Worker, long Iterations) : RuntimeEvent(Pid, Tid);

public sealed record SumWorkerFinished(int Pid, int Tid, int Worker, string Total) : RuntimeEvent(Pid, Tid);

/// <summary>The session of <see cref="Pid"/> ended; <see cref="Error"/> says why when it was not a normal exit.
/// <see cref="ProcessRunsOn"/>: the session failed while its process went on running (not stopped by Monitor, and the
/// process had not exited a few seconds later), so the runtime's events stop while the process does not.</summary>
public sealed record SessionEnded(int Pid, string? Error, bool ProcessRunsOn = false) : RuntimeEvent(Pid, 0);
