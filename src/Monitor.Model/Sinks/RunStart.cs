namespace Monitor.Model;

/// <summary>A run whose workers are going: what was asked, when it began, the processes Monitor started for it, and,
/// when N was chosen for this machine, the single-thread rate it was chosen from.</summary>
public sealed record RunStart(WorkloadSpec Spec, DateTimeOffset StartedAt, IReadOnlyList<int> Pids, double? AutoNRate = null);
