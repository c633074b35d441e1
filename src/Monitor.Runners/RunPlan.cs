using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>How a spec maps onto worker processes: one process with K threads, or K processes with one thread.</summary>
public static class RunPlan
{
    public static IReadOnlyList<WorkerArguments> Processes(WorkloadSpec spec, int parentPid)
    {
        var options = new WorkerOptions(spec.Work, spec.Mode == RunMode.Gil, spec.SwitchMs, spec.LockBlock);
        if (spec.Mode == RunMode.Processes)
        {
            var ranges = Partition.Split(0, spec.N, spec.Workers);
            return ranges.Select((r, i) => new WorkerArguments(r, 1, i, options, parentPid)).ToArray();
        }
        return [new WorkerArguments(new SumRange(0, spec.N), spec.Workers, 0, options, parentPid)];
    }
}
