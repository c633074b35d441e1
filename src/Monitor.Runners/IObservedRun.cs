using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Runners;

/// <summary>
/// A run as the diagnostics follow it: what was asked, how far each worker got, which processes it has and what they
/// said of their own usage, and how it ended. <see cref="WorkloadRun"/> is the real one; tests pass one of their own.
/// </summary>
public interface IObservedRun
{
    WorkloadSpec Spec { get; }

    /// <summary>Every worker of the run, by index.</summary>
    IReadOnlyList<WorkerState> Workers { get; }

    /// <summary>The processes Monitor started for the run.</summary>
    IReadOnlyList<IObservedProcess> Processes { get; }

    /// <summary>Iterations done so far over all workers, 0..N.</summary>
    long Iterations { get; }

    /// <summary>Iterations done over N, 0..1.</summary>
    double Progress { get; }

    /// <summary>Time so far; once the run has ended, the run's time as its result gives it.</summary>
    TimeSpan Elapsed { get; }

    bool IsCompleted { get; }

    Task<RunResult> Completion { get; }

    /// <summary>The last line a process of this run (or a child it made) sent about its own CPU time and peak memory,
    /// read from the OS just before it exited; null until then.</summary>
    WorkerUsage? UsageOf(int pid)
    {
        foreach (var process in Processes)
        {
            foreach (var usage in process.Usage)
            {
                if (usage.Pid == pid) return usage;
            }
        }
        return null;
    }
}
