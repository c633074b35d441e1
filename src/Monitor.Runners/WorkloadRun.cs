using System.Diagnostics;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Runners;

/// <summary>
/// A workload in flight: its worker processes and worker states, readable live by any source, and the result once
/// every process has ended. Starting it is <see cref="WorkloadRunner.StartAsync"/>.
/// </summary>
public sealed class WorkloadRun : IObservedRun, IAsyncDisposable
{
    private readonly List<WorkerProcess> _processes = new();
    private readonly Stopwatch _clock = new();
    private readonly TaskCompletionSource<RunResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstProgressTicks = -1;
    private long _finalTicks = -1;
    private int _stopOutcome = -1;

    internal WorkloadRun(WorkloadSpec spec, IReadOnlyList<WorkerState> workers)
    {
        Spec = spec;
        Workers = workers;
        StartedAt = DateTimeOffset.Now;
    }

    public WorkloadSpec Spec { get; }
    public DateTimeOffset StartedAt { get; }
    public IReadOnlyList<WorkerState> Workers { get; }

    public IReadOnlyList<WorkerProcess> Processes
    {
        get { lock (_processes) return _processes.ToArray(); }
    }

    /// <summary>Time so far; once the run has ended, the run's time as its result gives it (see RunTime).</summary>
    public TimeSpan Elapsed => Interlocked.Read(ref _finalTicks) is >= 0 and var ticks ? TimeSpan.FromTicks(ticks) : _clock.Elapsed;

    IReadOnlyList<IObservedProcess> IObservedRun.Processes => Processes;

    /// <summary>Iterations done so far over all workers, 0..N.</summary>
    public long Iterations => Workers.Sum(w => w.Iterations);

    public double Progress => Spec.N == 0 ? 1 : (double)Iterations / Spec.N;

    public Task<RunResult> Completion => _result.Task;

    public bool IsCompleted => _result.Task.IsCompleted;

    internal void StartClock()
    {
        _startedNs = MonotonicClock.NowNs();
        _clock.Start();
    }

    private long _startedNs;

    /// <summary>When, on the run's clock, a worker says something happened (<paramref name="atNs"/> on
    /// <see cref="MonotonicClock"/>); when that is unknown or cannot be right (a clock the worker reads differently),
    /// now, when Monitor reads it.</summary>
    private TimeSpan WhenReported(long? atNs)
    {
        var now = _clock.Elapsed;
        if (atNs is not { } at) return now;
        var told = TimeSpan.FromTicks((at - _startedNs) / 100);
        return told >= TimeSpan.Zero && told <= now ? told : now;
    }

    internal void Add(WorkerProcess process)
    {
        lock (_processes) _processes.Add(process);
    }

    internal void OnMessage(WorkerProcess process, WorkerMessage message)
    {
        if (message is WorkerStarted started)
        {
            // The earliest start, whichever line is read first.
            long ticks = WhenReported(started.AtNs).Ticks;
            long seen = Interlocked.Read(ref _firstProgressTicks);
            while ((seen < 0 || ticks < seen) && Interlocked.CompareExchange(ref _firstProgressTicks, ticks, seen) is var was && was != seen) seen = was;
        }
        if (message is WorkerUsage u && u.Pid == process.Pid) process.ReportedAt = WhenReported(u.AtNs);
    }

    /// <summary>The run's time: until the last process reported its results and its own usage, its last line. What a
    /// runtime does after that is teardown, not the workload's: one with an EventPipe session waits up to 100 ms more
    /// for the session's streaming thread to wake, so timing to the exit would charge observation to the run.</summary>
    private TimeSpan RunTime(IReadOnlyList<WorkerProcess> processes, bool failed) =>
        !failed && processes.Count > 0 && processes.All(p => p.ReportedAt is not null)
            ? processes.Max(p => p.ReportedAt!.Value)
            : _clock.Elapsed;

    /// <summary>Ends every worker process of this run; the result says why (<see cref="RunOutcome.Stopped"/>: the
    /// user replaced or stopped it; <see cref="RunOutcome.Interrupted"/>: Monitor was told to end).</summary>
    /// <param name="readLast">reads the run's processes and the children they made (CPU time and peak memory) just
    /// before they are ended, to stand for the usage lines they will not send; each process Monitor started is also
    /// read here, where the OS allows.</param>
    public async Task StopAsync(RunOutcome why = RunOutcome.Stopped, Func<IReadOnlyCollection<WorkerUsage>>? readLast = null)
    {
        // First: a process that ends meanwhile must not settle the run as failed.
        Interlocked.CompareExchange(ref _stopOutcome, (int)why, -1);
        var processes = Processes;
        foreach (var reading in readLast?.Invoke() ?? [])
        {
            // A child's reading joins its parent's (the sums over a run's processes are what it is read for).
            var owner = processes.FirstOrDefault(p => p.Pid == reading.Pid) ?? processes.FirstOrDefault();
            owner?.RecordLastReading(reading);
        }
        foreach (var p in processes)
        {
            if (ReadBeforeEnding(p.Process) is { } reading) p.RecordLastReading(reading);
            ChildProcesses.Kill(p.Process);
        }
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception) when (Completion.IsFaulted)
        {
        }
    }

    /// <summary>A process's CPU time and peak memory so far, read from the OS just before Monitor ends it; null once it
    /// has gone or where the OS does not tell.</summary>
    private static WorkerUsage? ReadBeforeEnding(Process process)
    {
        try
        {
            process.Refresh();
            if (process.HasExited) return null;
            double user = process.UserProcessorTime.TotalMilliseconds, system = process.PrivilegedProcessorTime.TotalMilliseconds;
            return new WorkerUsage(process.Id, user + system, process.PeakWorkingSet64, user, system, MonotonicClock.NowNs());
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Waits for every process, stops the others at the first failure, then settles the result.</summary>
    internal async Task SuperviseAsync()
    {
        var processes = Processes;
        var pending = processes.Select(WaitAsync).ToList();
        string? failure = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            var ended = await done.ConfigureAwait(false);
            failure ??= ended.Failure();
            if (failure is not null)
            {
                // One worker failing makes the whole run meaningless: end its siblings now.
                foreach (var p in processes) ChildProcesses.Kill(p.Process);
            }
        }
        _clock.Stop();
        var outcome = failure is null ? RunOutcome.Completed : RunOutcome.Failed;
        if (Volatile.Read(ref _stopOutcome) is >= 0 and var stopped)
        {
            outcome = (RunOutcome)stopped;
            failure = outcome.Name();
        }
        if (failure is null && Workers.Any(w => !w.Finished))
        {
            outcome = RunOutcome.Failed;
            failure = "a worker did not report its result";
        }
        var elapsed = RunTime(processes, failure is not null);
        Interlocked.Exchange(ref _finalTicks, elapsed.Ticks);

        var threads = Workers.Select(w => new WorkerThreadResult(w.Pid, w.Tid, w.Worker, w.Iterations, w.Sum, w.CpuMs)).ToArray();
        Int128 sum = Int128.Zero;
        foreach (var w in Workers) sum += w.Sum;
        long first = Interlocked.Read(ref _firstProgressTicks);
        // Python's multiprocessing workers are children of the process Monitor started: count every pid seen.
        var pids = processes.Select(p => p.Pid)
            .Concat(Workers.Select(w => w.Pid).Where(pid => pid != 0))
            .Concat(processes.SelectMany(p => p.Usage.Select(u => u.Pid)))
            .Distinct().ToArray();
        _result.TrySetResult(new RunResult(
            Spec,
            sum,
            elapsed.TotalMilliseconds,
            first < 0 ? null : TimeSpan.FromTicks(first).TotalMilliseconds,
            pids.Length,
            pids,
            threads,
            failure,
            processes.All(p => p.ReportedUsage) ? processes.Sum(p => p.Usage.Sum(u => u.CpuMs)) : null,
            processes.All(p => p.ReportedUsage) ? processes.Sum(p => p.Usage.Sum(u => u.PeakWorkingSetBytes)) : null,
            outcome));
    }

    private static async Task<WorkerProcess> WaitAsync(WorkerProcess process)
    {
        await process.Process.WaitForExitAsync().ConfigureAwait(false);
        await process.Reading.ConfigureAwait(false);
        ChildProcesses.Remove(process.Process);
        return process;
    }

    internal void Fail(Exception e) => _result.TrySetException(e);

    public async ValueTask DisposeAsync()
    {
        if (!IsCompleted) await StopAsync().ConfigureAwait(false);
        foreach (var p in Processes) p.Process.Dispose();
    }
}
