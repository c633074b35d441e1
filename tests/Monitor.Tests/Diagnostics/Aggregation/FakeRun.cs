using Monitor.Model;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>
/// A run without processes behind it: the test says what its workers report, which pids its processes have, what
/// usage lines they sent and when it ends. For the aggregator's parts that follow a run; <see cref="ScriptedRun"/>
/// is a real one, over a script.
/// </summary>
internal sealed class FakeRun : IObservedRun
{
    private readonly FakeProcess[] _processes;
    private readonly TaskCompletionSource<RunResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="pids">the pids of the processes Monitor would have started for it; one by default.</param>
    public FakeRun(int workers, long n, params int[] pids)
    {
        Spec = new WorkloadSpec(workers == 1 ? RunMode.Single : RunMode.Threads, workers, n);
        Workers = Partition.Split(0, n, workers).Select((r, i) => new WorkerState(i, r.Start, r.End)).ToArray();
        _processes = (pids.Length == 0 ? [7000] : pids).Select(pid => new FakeProcess(pid)).ToArray();
    }

    public WorkloadSpec Spec { get; }
    public IReadOnlyList<WorkerState> Workers { get; }
    public IReadOnlyList<IObservedProcess> Processes => _processes;
    public long Iterations => Workers.Sum(w => w.Iterations);
    public double Progress => Spec.N == 0 ? 1 : (double)Iterations / Spec.N;
    public TimeSpan Elapsed { get; set; }
    public bool IsCompleted => _result.Task.IsCompleted;
    public Task<RunResult> Completion => _result.Task;

    /// <summary>Worker <paramref name="worker"/> said it started on thread <paramref name="tid"/> of <paramref name="pid"/>.</summary>
    public void Started(int worker, int pid, int tid) => Workers[worker].OnStarted(pid, tid, Workers[worker].Start, Workers[worker].End);

    public void Progressed(int worker, long iterations, double? cpuMs) => Workers[worker].OnProgress(iterations, cpuMs);

    /// <summary>Process <paramref name="processPid"/> sent a usage line about itself or a child it made.</summary>
    public void Reported(int processPid, WorkerUsage usage) => _processes.Single(p => p.Pid == processPid).Add(usage);

    /// <summary>Every worker finishes where it got to and the run completes, its result as a real run sums it up.</summary>
    public RunResult Complete(double elapsedMs)
    {
        foreach (var w in Workers) w.OnFinished(w.Iterations, 0, w.CpuMs);
        var usage = _processes.SelectMany(p => p.Usage).ToArray();
        var result = new RunResult(
            Spec, 0, elapsedMs, null, _processes.Length, _processes.Select(p => p.Pid).ToArray(),
            Workers.Select(w => new WorkerThreadResult(w.Pid, w.Tid, w.Worker, w.Iterations, w.Sum, w.CpuMs)).ToArray(),
            Failure: null,
            CpuMs: usage.Length == 0 ? null : usage.Sum(u => u.CpuMs),
            PeakWorkingSetBytes: usage.Length == 0 ? null : usage.Sum(u => u.PeakWorkingSetBytes));
        Elapsed = TimeSpan.FromMilliseconds(elapsedMs);
        _result.SetResult(result);
        return result;
    }

    private sealed class FakeProcess(int pid) : IObservedProcess
    {
        private readonly List<WorkerUsage> _usage = new();

        public int Pid { get; } = pid;
        public IReadOnlyCollection<WorkerUsage> Usage => _usage.ToArray();

        public void Add(WorkerUsage usage)
        {
            _usage.RemoveAll(u => u.Pid == usage.Pid);
            _usage.Add(usage);
        }
    }
}
