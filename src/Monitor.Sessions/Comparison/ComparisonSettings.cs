using Monitor.Sessions;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// What `monitor compare` (or the UI's compare key) asks for: K workers for the threads, processes and gil rows, the
/// same N for every row of a runtime (null: calibrated per runtime), the runtimes, and how often to run each row.
/// </summary>
public sealed record ComparisonSettings(
    int Workers,
    long? N,
    WorkKind Work,
    IReadOnlyList<WorkerRuntime> Runtimes,
    int Repeat = 1,
    int SwitchMs = WorkloadLimits.DefaultSwitchMs,
    long LockBlock = WorkloadLimits.DefaultLockBlock,
    DiagnosticsLevel Diagnostics = DiagnosticsLevel.Full)
{
    public const int MaxRepeat = 100;

    /// <summary>Null when the settings can run; otherwise one plain sentence saying what is wrong.</summary>
    public string? Validate()
    {
        if (Runtimes.Count == 0) return "no runtime to compare";
        if (Repeat < 1 || Repeat > MaxRepeat) return $"--repeat must be 1..{MaxRepeat} (got {Repeat})";
        foreach (var mode in new[] { RunMode.Threads, RunMode.Processes, RunMode.Gil })
        {
            var probe = new WorkloadSpec(mode, Workers, N ?? 1, Work, SwitchMs, LockBlock);
            if (probe.Validate() is { } error) return error;
        }
        return null;
    }
}
