using Monitor.Model;

namespace Monitor.Runners;

/// <summary>What a run produced, checked against n(n-1)/2. CpuMs and PeakWorkingSetBytes are sums over the run's
/// processes as each reported them before exiting (null when a process ended without reporting). Outcome says how the
/// run ended; Failure words it (null for a completed run).</summary>
public sealed record RunResult(
    WorkloadSpec Spec,
    Int128 Sum,
    double ElapsedMs,
    double? StartupMs,
    int ProcessCount,
    IReadOnlyList<int> Pids,
    IReadOnlyList<WorkerThreadResult> WorkerThreads,
    string? Failure,
    double? CpuMs,
    long? PeakWorkingSetBytes,
    RunOutcome Outcome = RunOutcome.Completed)
{
    public Int128 Expected => Spec.Expected;

    /// <summary>Completed without failure and the total is exactly n(n-1)/2.</summary>
    public bool Correct => Failure is null && Sum == Expected;

    public long TotalIterations => WorkerThreads.Sum(w => w.Iterations);
}
