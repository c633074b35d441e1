namespace Monitor.Model;

/// <summary>One worker thread's share of a finished run; <see cref="CpuMs"/> is its own CPU time as the system
/// accounts it (null where not told).</summary>
public sealed record WorkerThreadResult(int Pid, int Tid, int Worker, long Iterations, Int128 Sum, double? CpuMs);
