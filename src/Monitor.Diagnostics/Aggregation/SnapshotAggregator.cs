using System.Diagnostics;
using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Snapshots;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Joins the sources on (pid, tid) into one immutable <see cref="Snapshot"/> per interval: the OS sampler's per-thread
/// CPU, the runtime's events (contention, GC, counters) and the workload's own progress. Events arrive on the
/// sessions' threads through <see cref="Post"/>; <see cref="Take"/> is called by one clock thread.
/// </summary>
public sealed class SnapshotAggregator : IRuntimeEventSink, IDisposable
{
    public const int TopLocks = 8;

    private readonly IThreadSampler? _sampler;
    private readonly double? _singleThreadRate;
    private readonly object _gate = new();
    private readonly ContentionAccumulator _contention = new();
    private readonly Dictionary<int, RuntimeState> _runtime = new();
    private readonly List<WatchedProcess> _watched = new();
    private readonly Dictionary<int, ProcessCounters> _previous = new();
    // Readings no longer needed (the one before the previous), handed back to the sampler to be refilled.
    private readonly Dictionary<int, ProcessCounters> _spare = new();
    private readonly Dictionary<int, ProcessSample> _lastKnown = new();
    private readonly Dictionary<int, long> _previousIterations = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    // Per process, so events of a run's workers that arrive before Follow(run) are not lost by a reset.
    private readonly Dictionary<int, (long Count, double WaitMs)> _contentionByPid = new();
    private WorkloadRun? _run;
    private long _lastTake;

    /// <param name="sampler">null when the OS sampler is off (--diagnostics none).</param>
    /// <param name="singleThreadRate">iterations/s of one thread on this machine, for effective parallelism.</param>
    /// <param name="time">the clock that times intervals (tests pass their own).</param>
    /// <param name="origin">the <paramref name="time"/> timestamp snapshots count their T from (another aggregator's
    /// <see cref="Origin"/>, to share its time line); null: now.</param>
    public SnapshotAggregator(IThreadSampler? sampler, double? singleThreadRate, TimeProvider? time = null, long? origin = null)
    {
        _sampler = sampler;
        _singleThreadRate = singleThreadRate;
        _time = time ?? TimeProvider.System;
        _lastTake = _time.GetTimestamp();
        _origin = origin ?? _lastTake;
    }

    /// <summary>The timestamp of T = 0.</summary>
    public long Origin => _origin;

    private double SecondsSince(long timestamp, long now) => (now - timestamp) / (double)_time.TimestampFrequency;

    public void Dispose() => _sampler?.Dispose();

    /// <summary>Every OS reading the sampler made, once per watched process and <see cref="Take"/>, on the clock's
    /// thread: lets a recorder keep the raw counters without sampling a second time.</summary>
    public event Action<ProcessCounters>? CountersRead;

    /// <summary>Contention events of the watched processes so far (all intervals); a run's own once it is followed.</summary>
    public long ContentionCount { get { lock (_gate) return ContentionOfWatched().Count; } }

    public double ContentionWaitMs { get { lock (_gate) return ContentionOfWatched().WaitMs; } }

    private (long Count, double WaitMs) ContentionOfWatched()
    {
        long count = 0;
        double waitMs = 0;
        foreach (var w in _watched)
        {
            if (!_contentionByPid.TryGetValue(w.Pid, out var c)) continue;
            count += c.Count;
            waitMs += c.WaitMs;
        }
        return (count, waitMs);
    }

    /// <summary>GC count per process as last reported by the runtime.</summary>
    public int GcCount(int pid) { lock (_gate) return _runtime.TryGetValue(pid, out var r) ? r.GcCount : 0; }

    /// <summary>Sum of the runtime's own monitor-lock-contention-count increments received so far.</summary>
    public double RuntimeContentionCounter(int pid) { lock (_gate) return _runtime.TryGetValue(pid, out var r) ? r.MonitorLockContentionCount : 0; }

    public void Watch(int pid, ProcessRole role)
    {
        lock (_gate)
        {
            if (_watched.All(w => w.Pid != pid)) _watched.Add(new WatchedProcess(pid, role));
        }
    }

    /// <summary>Follows a new run: its processes are watched, the previous run's are dropped.</summary>
    public void Follow(WorkloadRun run)
    {
        lock (_gate)
        {
            _run = run;
            var previousWorkers = _watched.Where(w => w.Role == ProcessRole.Worker).Select(w => w.Pid).ToHashSet();
            _watched.RemoveAll(w => w.Role == ProcessRole.Worker);
            foreach (var p in run.Processes) _watched.Add(new WatchedProcess(p.Pid, ProcessRole.Worker));
            foreach (var pid in _lastKnown.Keys.Where(pid => _watched.All(w => w.Pid != pid)).ToArray()) _lastKnown.Remove(pid);
            // A UI session runs workload after workload: keep what the runtime said of the previous run's processes
            // (its result may still be being summed up), drop anything older, so memory stays bounded.
            foreach (var pid in _runtime.Keys.Where(pid => !previousWorkers.Contains(pid) && _watched.All(w => w.Pid != pid)).ToArray()) _runtime.Remove(pid);
            _previousIterations.Clear();
        }
        Prime();
    }

    /// <summary>Reads the OS counters once so the first snapshot already has rates.</summary>
    public void Prime()
    {
        if (_sampler is null) return;
        WatchedProcess[] watched;
        lock (_gate) watched = _watched.ToArray();
        foreach (var w in watched)
        {
            if (_sampler.Sample(w.Pid) is { } reading)
            {
                lock (_gate) _previous[w.Pid] = reading;
            }
        }
        lock (_gate) _lastTake = _time.GetTimestamp();
    }

    public void Post(RuntimeEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case ContentionStarted s:
                    _contention.Started(s);
                    var started = _contentionByPid.GetValueOrDefault(s.Pid);
                    _contentionByPid[s.Pid] = (started.Count + 1, started.WaitMs);
                    break;
                case ContentionStopped s:
                    _contention.Stopped(s);
                    var stopped = _contentionByPid.GetValueOrDefault(s.Pid);
                    _contentionByPid[s.Pid] = (stopped.Count, stopped.WaitMs + s.DurationNs / 1e6);
                    break;
                case GcStarted g:
                    var state = Runtime(g.Pid);
                    state.GcCount = Math.Max(state.GcCount, g.Count);
                    break;
                case CounterValue c:
                    Runtime(c.Pid).Apply(c);
                    break;
                case SumWorkerStarted w:
                    Runtime(w.Pid).WorkerByTid[w.Tid] = w.Worker;
                    break;
                case SessionEnded { Error: { } error, ProcessRunsOn: true } ended:
                    // Only a session that failed under a living process: one that ended with its process (exited or
                    // killed: the snapshot says so already) or that Monitor stopped is no news.
                    Runtime(ended.Pid).EventsStopped = RuntimeState.EventsStoppedPrefix + error;
                    break;
            }
        }
    }

    private RuntimeState Runtime(int pid)
    {
        if (!_runtime.TryGetValue(pid, out var state))
        {
            state = new RuntimeState();
            _runtime[pid] = state;
        }
        return state;
    }

    /// <summary>Reads the sources and returns the snapshot of the interval since the previous call.</summary>
    public Snapshot Take()
    {
        long now = _time.GetTimestamp();
        WatchedProcess[] watched;
        WorkloadRun? run;
        lock (_gate)
        {
            watched = _watched.ToArray();
            run = _run;
        }
        var readings = new Dictionary<int, ProcessCounters?>();
        if (_sampler is not null)
        {
            if (run is { IsCompleted: false }) watched = WatchDescendants(run);
            foreach (var w in watched) readings[w.Pid] = _sampler.Sample(w.Pid, Spare(w.Pid));
            if (CountersRead is { } read)
            {
                foreach (var reading in readings.Values)
                {
                    if (reading is not null) read(reading);
                }
            }
        }

        lock (_gate)
        {
            double seconds = Math.Max(1e-3, SecondsSince(_lastTake, now));
            _lastTake = now;
            var workersByTid = WorkersByTid(run);
            var processes = new List<ProcessSample>();
            var workerThreads = new List<ThreadSample>();
            var otherThreads = new List<ThreadSample>();
            foreach (var w in watched)
            {
                readings.TryGetValue(w.Pid, out var reading);
                _runtime.TryGetValue(w.Pid, out var runtime);
                if (reading is null)
                {
                    if (_lastKnown.TryGetValue(w.Pid, out var last)) processes.Add(last with { Exited = true, CpuPercent = 0, DiagnosticsStatus = runtime?.EventsStopped ?? last.DiagnosticsStatus });
                    else if (_sampler is null && runtime is not null) processes.Add(FromRuntimeOnly(w, runtime));
                    continue;
                }
                _previous.TryGetValue(w.Pid, out var before);
                var sample = ProcessSampleOf(w, reading, before, runtime, seconds);
                processes.Add(sample);
                _lastKnown[w.Pid] = sample;
                if (w.Role != ProcessRole.Monitor)
                {
                    // Monitor's own cost is shown as a process; its threads are not what the user watches.
                    var threadsNow = reading.Threads;
                    for (int i = 0; i < threadsNow.Count; i++)
                    {
                        var t = threadsNow[i];
                        var thread = ThreadSampleOf(w, t, FindThread(before, t.Tid, i), runtime, workersByTid, seconds);
                        (thread.Role == ThreadRole.Worker ? workerThreads : otherThreads).Add(thread);
                    }
                }
                _previous[w.Pid] = reading;
                if (before is not null && !ReferenceEquals(before, reading)) _spare[w.Pid] = before;
            }
            foreach (var pid in _previous.Keys.Where(pid => readings.TryGetValue(pid, out var r) && r is null).ToArray()) _previous.Remove(pid);
            foreach (var pid in _spare.Keys.Where(pid => !_previous.ContainsKey(pid)).ToArray()) _spare.Remove(pid);

            workerThreads.Sort((a, b) => (a.Worker ?? 0).CompareTo(b.Worker ?? 0));
            otherThreads.Sort((a, b) => a.Pid != b.Pid ? a.Pid.CompareTo(b.Pid) : b.CpuPercent.CompareTo(a.CpuPercent));
            var threads = workerThreads.Concat(otherThreads).ToArray();
            var contention = _contention.TakeSample(TopLocks);

            // The run's own count, not the sum over sampled threads: it stays right when a worker process exited
            // between two samples or the OS sampler is off.
            double iterationsPerSec = run is null ? 0 : RunRate(run, seconds);
            var totals = new Totals(
                processes.Where(p => p.Role != ProcessRole.Monitor).Sum(p => p.CpuPercent),
                processes.Where(p => p.Role != ProcessRole.Monitor).Sum(p => p.WorkingSetBytes),
                processes.Where(p => p.Role != ProcessRole.Monitor).Sum(p => p.GcHeapBytes ?? 0),
                iterationsPerSec,
                run?.Progress ?? 0,
                EffectiveParallelism(run, iterationsPerSec),
                contention.Count,
                contention.WaitMs,
                processes.Sum(p => p.GcCount ?? 0));
            return new Snapshot(
                _time.GetLocalNow(),
                SecondsSince(_origin, now),
                seconds,
                run is not null ? WorkloadInfoOf(run)
                    : watched.Any(w => w.Role == ProcessRole.External) ? Watching(SecondsSince(_origin, now))
                    : null,
                processes,
                threads,
                contention,
                totals);
        }
    }

    /// <summary>Adds the processes the run's processes started themselves (Python's multiprocessing workers are
    /// children of the interpreter Monitor started), so their CPU and memory count as the run's; returns the new
    /// watch list.</summary>
    private WatchedProcess[] WatchDescendants(WorkloadRun run)
    {
        var found = run.Processes.SelectMany(p => ProcessTree.Descendants(p.Pid)).ToArray();
        lock (_gate)
        {
            foreach (int pid in found)
            {
                if (_watched.All(w => w.Pid != pid)) _watched.Add(new WatchedProcess(pid, ProcessRole.Worker));
            }
            return _watched.ToArray();
        }
    }

    private static Dictionary<(int Pid, int Tid), WorkerState> WorkersByTid(WorkloadRun? run)
    {
        var map = new Dictionary<(int, int), WorkerState>();
        if (run is null) return map;
        foreach (var w in run.Workers)
        {
            if (w.Tid != 0) map[(w.Pid, w.Tid)] = w;
        }
        return map;
    }

    private const int RunKey = -1;

    /// <summary>A worker counts its iterations from its own start, which may be well before the interval that ends
    /// in a run's first snapshot (the UI's first comes 250 ms after the run is attached): the first rate is taken over
    /// the whole run so far, or it read up to 3.3x one thread's rate on two CPUs.</summary>
    private static double SinceRunStart(WorkloadRun run, double interval) => Math.Max(interval, run.Elapsed.TotalSeconds);

    private double RunRate(WorkloadRun run, double seconds)
    {
        long total = run.Iterations;
        bool first = !_previousIterations.TryGetValue(RunKey, out long before);
        _previousIterations[RunKey] = total;
        return Math.Max(0, total - before) / (first ? SinceRunStart(run, seconds) : seconds);
    }

    private ProcessCounters? Spare(int pid)
    {
        lock (_gate) return _spare.Remove(pid, out var spare) ? spare : null;
    }

    /// <summary>The thread <paramref name="tid"/> of the earlier reading; threads mostly keep their place between
    /// readings, so <paramref name="hint"/> (its index now) is looked at first.</summary>
    private static ThreadCounters? FindThread(ProcessCounters? reading, int tid, int hint)
    {
        if (reading is null) return null;
        var threads = reading.Threads;
        if (hint < threads.Count && threads[hint].Tid == tid) return threads[hint];
        for (int i = 0; i < threads.Count; i++)
        {
            if (threads[i].Tid == tid) return threads[i];
        }
        return null;
    }

    private static ProcessSample ProcessSampleOf(WatchedProcess w, ProcessCounters now, ProcessCounters? before, RuntimeState? runtime, double seconds)
    {
        double cpuMs = now.UserMs + now.SystemMs;
        double cpuPercent = before is null ? 0 : Math.Max(0, cpuMs - (before.UserMs + before.SystemMs)) / (seconds * 10);
        return new ProcessSample(
            w.Pid,
            now.Name,
            w.Role,
            now.WorkingSetBytes,
            now.PeakWorkingSetBytes,
            runtime?.GcHeapBytes,
            runtime?.GcCount,
            cpuPercent,
            cpuMs,
            now.Threads.Count,
            Exited: false,
            runtime?.EventsStopped);
    }

    private static ProcessSample FromRuntimeOnly(WatchedProcess w, RuntimeState runtime) =>
        new(w.Pid, "", w.Role, runtime.WorkingSetBytes ?? 0, runtime.WorkingSetBytes ?? 0, runtime.GcHeapBytes, runtime.GcCount, 0, 0, 0, false, runtime.EventsStopped);

    private ThreadSample ThreadSampleOf(
        WatchedProcess w, ThreadCounters now, ThreadCounters? before, RuntimeState? runtime,
        Dictionary<(int, int), WorkerState> workersByTid, double seconds)
    {
        var state = workersByTid.GetValueOrDefault((w.Pid, now.Tid));
        int? worker = state?.Worker;
        if (worker is null && runtime is not null && runtime.WorkerByTid.TryGetValue(now.Tid, out int fromEvents))
        {
            worker = fromEvents;
        }
        else if (worker is null && w.Role == ProcessRole.Worker && WorkerThreadName.TryParse(now.Name, out int named))
        {
            // Our own workers name their threads; this covers the moments before their first report arrives.
            worker = named;
        }
        if (state is null && worker is { } index && _run?.Workers is { } all && index < all.Count && all[index].Worker == index)
        {
            state = all[index];
        }
        double? iterationsPerSec = null;
        if (state is not null)
        {
            long iterations = state.Iterations;
            bool first = !_previousIterations.TryGetValue(state.Worker, out long previous);
            _previousIterations[state.Worker] = iterations;
            iterationsPerSec = Math.Max(0, iterations - previous) / (first && _run is { } run ? SinceRunStart(run, seconds) : seconds);
        }
        var role = worker is not null ? ThreadRole.Worker
            : now.Name.StartsWith(".NET ", StringComparison.Ordinal) ? ThreadRole.Runtime
            : ThreadRole.Other;
        var rates = before is { } b && ThreadRates.SameThread(b, now) ? ThreadRates.Between(b, now, seconds) : default;
        return new ThreadSample(
            w.Pid,
            now.Tid,
            now.Name,
            role,
            worker,
            rates.CpuPercent,
            rates.UserPercent,
            rates.SystemPercent,
            rates.CpuWaitPercent ?? 0,
            rates.VoluntaryPerSec ?? 0,
            rates.InvoluntaryPerSec ?? 0,
            iterationsPerSec,
            now.UserMs + now.SystemMs,
            now.State);
    }

    /// <summary>While a run goes, over the last interval; once it has ended, over the whole run, as its result gives it
    /// (an interval after the end has no work in it and read 0.00 under DONE).</summary>
    private double? EffectiveParallelism(WorkloadRun? run, double iterationsPerSec)
    {
        if (_singleThreadRate is not > 0 || run is null) return null;
        double seconds = run.Elapsed.TotalSeconds;
        double rate = run.IsCompleted && seconds > 0 ? run.Iterations / seconds : iterationsPerSec;
        return rate / _singleThreadRate.Value;
    }

    /// <summary>An attached process: no workload, only how long it has been watched.</summary>
    private static WorkloadInfo Watching(double seconds) => new(null, null, "dotnet", 0, 0, seconds, 0, false);

    private static WorkloadInfo WorkloadInfoOf(WorkloadRun run) => new(
        run.Spec.Mode.ToString().ToLowerInvariant(),
        run.Spec.Work.ToString().ToLowerInvariant(),
        run.Spec.RuntimeName,
        run.Spec.Workers,
        run.Spec.N,
        run.Elapsed.TotalSeconds,
        run.Iterations,
        run.IsCompleted);
}
