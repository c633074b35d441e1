using Monitor.Snapshots;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>A process the aggregator reads each interval.</summary>
public sealed record WatchedProcess(int Pid, ProcessRole Role);
