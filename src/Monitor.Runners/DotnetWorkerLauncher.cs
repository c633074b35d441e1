using Monitor.Workloads;

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
            planned.Add(new PlannedProcess(WorkerExecutable.StartInfo(args.ToArgs()), workers));
        }
        return planned;
    }
}
