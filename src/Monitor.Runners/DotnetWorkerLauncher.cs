using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>Starts this program's own `worker` verb: one process with K threads, or K processes of one thread.</summary>
public sealed class DotnetWorkerLauncher : IWorkerLauncher
{
    public bool IsDotnet => true;

    public IReadOnlyList<PlannedProcess> Plan(WorkloadSpec spec)
    {
        var planned = new List<PlannedProcess>();
        foreach (var args in RunPlan.Processes(spec, Environment.ProcessId))
        {
            var ranges = Partition.Split(args.Range.Start, args.Range.End, args.Threads);
            var workers = ranges.Select((r, i) => new WorkerState(args.FirstWorker + i, r.Start, r.End)).ToArray();
            var start = WorkerExecutable.StartInfo(args.ToArgs());
            if (spec.Mode == RunMode.Gil && spec.SwitchMs > 0)
            {
                // CPython's GIL waiters sleep on a condition variable; they do not spin. Without spinning every hand-over
                // is a real wait, which the runtime reports. With the default spin a waiter often takes the lock while
                // still spinning, and on a loaded machine almost no contention was reported (1-6 events instead of
                // ~170 in a 2 s run). The convoy (--switch-ms 0) keeps the runtime's default: it shows a plain lock.
                start.Environment["DOTNET_Lock_SpinCount"] = "0";
            }
            planned.Add(new PlannedProcess(start, workers));
        }
        return planned;
    }
}
