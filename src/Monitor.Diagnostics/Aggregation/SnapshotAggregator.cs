using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.Machine;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// Joins the sources on (pid, tid) into one immutable <see cref="Snapshot"/> per interval: the OS sampler's per-thread
/// CPU, the runtime's events (contention, GC, counters) and the workload's own progress. Events arrive on the
/// sessions' threads through <see cref="Post"/>; <see cref="Take"/> is called by one clock thread.
/// </summary>
public sealed class SnapshotAggregator : IRuntimeEventSink, IDisposable
{
    public const int TopLocks = 8;

    /// <summary>An interval shorter than this share of the one before it (the last one of a run, cut short by the
    /// run's end) is folded into it: its snapshot's rates cover both.</summary>
    public const double FoldBelow = 0.5;

    private readonly IThreadSampler? _sampler;
    private readonly SingleThreadRate? _singleThreadRate;
    private readonly Func<double?> _machineBusyMs;
    private readonly int _logicalCpus;
    private readonly object _gate = new();
    private ContentionAccumulator _contention = new();
    // The accumulator of a mark no longer kept, cleared, to collect the next interval.
    private ContentionAccumulator? _spareContention;
    private readonly Dictionary<int, RuntimeState> _runtime = new();
    private readonly List<WatchedProcess> _watched = new();
    // Readings of marks no longer kept, handed back to the sampler to be refilled.
    private readonly Dictionary<int, ProcessCounters> _spare = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    // Per process, so events of a run's workers that arrive before Follow(run) are not lost by a reset.
    private readonly Dictionary<int, (long Count, double WaitMs)> _contentionByPid = new();
    private WorkloadRun? _run;
    private IntervalMark? _runStart;
    private IntervalMark _previous;
    private IntervalMark? _beforePrevious;
    // The length of the last interval that was not folded. A sliver is measured against it, not against a folded
    // interval: that one is longer by the sliver, so the normal interval after it would look like a sliver too, be
    // folded, and every interval after that as well, each snapshot covering more of the run than the one before.
    private double? _fullSeconds;

    /// <param name="sampler">null when the OS sampler is off (--diagnostics none).</param>
    /// <param name="singleThreadRate">one thread's rate on this machine, for effective parallelism; raised as worker
    /// threads are seen going faster per CPU second. Null: no effective parallelism (attach).</param>
    /// <param name="time">the clock that times intervals (tests pass their own).</param>
    /// <param name="origin">the <paramref name="time"/> timestamp snapshots count their T from (another aggregator's
    /// <see cref="Origin"/>, to share its time line); null: now.</param>
    /// <param name="machineBusyMs">the whole machine's busy CPU time so far, for what others used; by default
    /// /proc/stat's (null where unknown).</param>
    /// <param name="logicalCpus">the CPUs effective parallelism cannot exceed; by default this machine's.</param>
    public SnapshotAggregator(IThreadSampler? sampler, SingleThreadRate? singleThreadRate, TimeProvider? time = null, long? origin = null,
        Func<double?>? machineBusyMs = null, int? logicalCpus = null)
    {
        _sampler = sampler;
        _singleThreadRate = singleThreadRate;
        _time = time ?? TimeProvider.System;
        _machineBusyMs = machineBusyMs ?? SystemCpuTime.BusyMs;
        _logicalCpus = logicalCpus ?? Environment.ProcessorCount;
        long now = _time.GetTimestamp();
        _origin = origin ?? now;
        _previous = new IntervalMark(now);
    }

    /// <summary>The timestamp of T = 0.</summary>
    public long Origin => _origin;

    private double SecondsBetween(long from, long to) => (to - from) / (double)_time.TimestampFrequency;

    public void Dispose() => _sampler?.Dispose();

    /// <summary>Every OS reading the sampler made, once per watched process and <see cref="Take"/>, on the clock's
    /// thread, and a <see cref="ProcessCounters.Final"/> one made of a process's own last report once it has exited:
    /// lets a recorder keep the raw counters without sampling a second time.</summary>
    public event Action<ProcessCounters>? CountersRead;

    /// <summary>Contention events of the watched processes so far (all intervals); a run's own once it is followed.</summary>
    public long ContentionCount { get { lock (_gate) return ContentionOfWatched().Count; } }

    public double ContentionWaitMs { get { lock (_gate) return ContentionOfWatched().WaitMs; } }

    /// <summary>The effective parallelism of the followed run once it has ended, as its last snapshot gave it, with
    /// what others used of the machine over the run and why the figure is uncertain; null before.</summary>
    public RunParallelism? CompletedRun { get; private set; }

    private (long Count, double WaitMs) ContentionOfWatched()
    {
        long count = 0;
        double waitMs = 0;
        foreach (var w in _watched)
        {
            if (w.Role == ProcessRole.Monitor || !_contentionByPid.TryGetValue(w.Pid, out var c)) continue;
            count += c.Count;
            waitMs += c.WaitMs;
        }
        return (count, waitMs);
    }

    /// <summary>One process's contentions since watching began, when its runtime's events are read (else null).</summary>
    private (long? Count, double? WaitMs) ContentionOf(int pid, RuntimeState? runtime)
    {
        if (_contentionByPid.TryGetValue(pid, out var c)) return (c.Count, c.WaitMs);
        return runtime is null ? (null, null) : (0, 0);
    }

    /// <summary>Stops watching <paramref name="pid"/> and forgets what was known of it (a process an exporter no longer
    /// follows): sessions that watch processes come and go for days keep only what they watch.</summary>
    public void Unwatch(int pid)
    {
        lock (_gate)
        {
            _watched.RemoveAll(w => w.Pid == pid);
            _runtime.Remove(pid);
            _contentionByPid.Remove(pid);
            _spare.Remove(pid);
        }
    }

    /// <summary>The most resident memory the readings of <paramref name="pid"/> showed, or null when never read.</summary>
    public long? MostResidentBytes(int pid)
    {
        lock (_gate) return _watched.FirstOrDefault(w => w.Pid == pid) is { MostResidentBytes: > 0 } w ? w.MostResidentBytes : null;
    }

    /// <summary>GCs of a watched process since watching began (for a run's worker, since it started).</summary>
    public int GcCount(int pid)
    {
        lock (_gate) return _runtime.TryGetValue(pid, out var r) ? GcCountOf(r, BornWatched(pid)) : 0;
    }

    private bool BornWatched(int pid) => _watched.FirstOrDefault(w => w.Pid == pid)?.BornWatched ?? true;

    private static int GcCountOf(RuntimeState runtime, bool bornWatched) => bornWatched ? runtime.GcCountSinceBirth : runtime.GcCountSinceWatched;

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
            CompletedRun = null;
            var previousWorkers = _watched.Where(w => w.Role == ProcessRole.Worker).Select(w => w.Pid).ToHashSet();
            _watched.RemoveAll(w => w.Role == ProcessRole.Worker);
            foreach (var p in run.Processes) _watched.Add(new WatchedProcess(p.Pid, ProcessRole.Worker));
            // A UI session runs workload after workload: keep what the runtime said of the previous run's processes
            // (its result may still be being summed up), drop anything older, so memory stays bounded.
            foreach (var pid in _runtime.Keys.Where(pid => !previousWorkers.Contains(pid) && _watched.All(w => w.Pid != pid)).ToArray()) _runtime.Remove(pid);
        }
        Prime();
        lock (_gate) _runStart = _previous;
    }

    /// <summary>Reads the sources once, so the first snapshot's rates run from now: the interval starts here.</summary>
    public void Prime()
    {
        WatchedProcess[] watched;
        lock (_gate) watched = _watched.ToArray();
        var readings = new Dictionary<int, ProcessCounters>();
        if (_sampler is not null)
        {
            foreach (var w in watched)
            {
                if (_sampler.Sample(w.Pid) is { } reading) readings[w.Pid] = reading;
            }
        }
        double? machine = _machineBusyMs();
        lock (_gate)
        {
            var mark = new IntervalMark(_time.GetTimestamp()) { MachineBusyMs = machine, Contention = _previous.Contention };
            foreach (var w in watched)
            {
                if (readings.TryGetValue(w.Pid, out var reading))
                {
                    w.SetBaselines(CpuMs(reading), reading.UserMs, reading.Threads);
                    mark.Readings[w.Pid] = reading;
                    mark.ProcessCpuMs[w.Pid] = CpuMs(reading);
                }
                else if (_previous.ProcessCpuMs.TryGetValue(w.Pid, out double known))
                {
                    mark.ProcessCpuMs[w.Pid] = known;
                }
            }
            MarkRun(mark, _run, null);
            Drop(_previous, contentionShared: true);
            if (_beforePrevious is not null) Drop(_beforePrevious);
            _previous = mark;
            _beforePrevious = null;
            _fullSeconds = null;
        }
        // A recording then holds where the figures count from (an attached process's CPU before the attach is not its).
        if (CountersRead is { } read)
        {
            foreach (var reading in readings.Values) read(reading);
        }
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
                    Runtime(g.Pid).OnGc(g.Count);
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

    /// <summary>Reads the sources and returns the snapshot of the interval since the previous call (or, when that
    /// was only a sliver of the last full interval ago, since the one before: see <see cref="FoldBelow"/>).</summary>
    public Snapshot Take()
    {
        long now = _time.GetTimestamp();
        WatchedProcess[] watched;
        WorkloadRun? run;
        IntervalMark from;
        bool fold;
        lock (_gate)
        {
            run = _run;
            fold = _beforePrevious is not null && _fullSeconds is { } full
                   && SecondsBetween(_previous.Timestamp, now) < FoldBelow * full;
            from = fold ? _beforePrevious! : _previous;
        }
        if (run is not null) WatchRun(run);
        lock (_gate) watched = _watched.ToArray();
        var readings = new Dictionary<int, ProcessCounters?>();
        if (_sampler is not null)
        {
            foreach (var w in watched) readings[w.Pid] = _sampler.Sample(w.Pid, Spare(w.Pid));
        }
        double? machine = _machineBusyMs();
        var finals = new List<ProcessCounters>();
        Snapshot snapshot;
        lock (_gate)
        {
            double seconds = Math.Max(1e-3, SecondsBetween(from.Timestamp, now));
            var mark = new IntervalMark(now) { MachineBusyMs = machine };
            var workersByTid = WorkersByTid(run);
            var processes = new List<ProcessSample>();
            var workerThreads = new List<ThreadSample>();
            var otherThreads = new List<ThreadSample>();
            double watchedCpuMs = 0, workersCpuMs = 0;
            foreach (var w in watched)
            {
                readings.TryGetValue(w.Pid, out var reading);
                _runtime.TryGetValue(w.Pid, out var runtime);
                bool known = from.ProcessCpuMs.TryGetValue(w.Pid, out double cpuBefore);
                ProcessSample sample;
                double cpuNow;
                if (reading is not null)
                {
                    bool firstReading = !w.Seen;
                    w.SetBaselines(CpuMs(reading), reading.UserMs, reading.Threads);
                    w.NoteResident(reading.WorkingSetBytes, reading.PeakWorkingSetBytes);
                    cpuNow = CpuMs(reading);
                    // A process first read now: born watched, all its CPU falls in this interval; else it counts from here.
                    if (!known) cpuBefore = w.BornWatched ? 0 : cpuNow;
                    from.Readings.TryGetValue(w.Pid, out var before);
                    double userMs = Math.Clamp(reading.UserMs - w.UserBaselineMs, 0, Math.Max(0, cpuNow - w.CpuBaselineMs));
                    var (contentions, contentionMs) = ContentionOf(w.Pid, runtime);
                    sample = new ProcessSample(
                        w.Pid, reading.Name, w.Role, reading.WorkingSetBytes, w.MostResidentBytes,
                        runtime?.GcHeapBytes, runtime is null ? null : GcCountOf(runtime, w.BornWatched),
                        Math.Max(0, cpuNow - cpuBefore) / (seconds * 10), cpuNow - w.CpuBaselineMs,
                        reading.Threads.Count, Exited: false, runtime?.EventsStopped,
                        userMs, cpuNow - w.CpuBaselineMs - userMs, contentions, contentionMs, runtime?.ThreadPool);
                    mark.Readings[w.Pid] = reading;
                    if (w.Role != ProcessRole.Monitor)
                    {
                        // Monitor's own cost is shown as a process; its threads are not what the user watches.
                        bool bornInInterval = before is not null || (w.BornWatched && firstReading && !known);
                        AddThreads(w, reading, before, bornInInterval, runtime, workersByTid, from, seconds, workerThreads, otherThreads);
                    }
                }
                else if (w.LastShown is { } last || known)
                {
                    // Gone: its own last report (read from the OS just before it exited) gives the CPU it used since
                    // it was last read; without one (killed), nothing more is known.
                    var usage = run?.UsageOf(w.Pid);
                    double lastCpu = w.LastShown is { } shown ? shown.CpuMs + w.CpuBaselineMs : cpuBefore;
                    cpuNow = usage is { } u ? Math.Max(u.CpuMs, lastCpu) : lastCpu;
                    if (!known) cpuBefore = lastCpu;
                    var lastReading = from.Readings.GetValueOrDefault(w.Pid);
                    long workingSet = w.LastShown?.WorkingSetBytes ?? lastReading?.WorkingSetBytes ?? 0;
                    long peak = Math.Max(Math.Max(w.LastShown?.PeakWorkingSetBytes ?? lastReading?.PeakWorkingSetBytes ?? 0, usage?.PeakWorkingSetBytes ?? 0), w.MostResidentBytes);
                    string name = w.LastShown?.Name ?? lastReading?.Name ?? "";
                    // The split of the CPU time: the process's own last report's when it gave one that is news, else
                    // as last shown.
                    double cpuSinceWatched = cpuNow - w.CpuBaselineMs;
                    double? userMs = usage is { UserMs: { } reportedUser } && usage.CpuMs >= lastCpu
                        ? reportedUser - w.UserBaselineMs
                        : w.LastShown?.UserMs;
                    if (userMs is { } um) userMs = Math.Clamp(um, 0, Math.Max(0, cpuSinceWatched));
                    var (contentions, contentionMs) = ContentionOf(w.Pid, runtime);
                    sample = new ProcessSample(
                        w.Pid, name, w.Role, workingSet, peak,
                        runtime?.GcHeapBytes ?? w.LastShown?.GcHeapBytes, runtime is null ? w.LastShown?.GcCount : GcCountOf(runtime, w.BornWatched),
                        Math.Max(0, cpuNow - cpuBefore) / (seconds * 10), cpuSinceWatched,
                        0, Exited: true, runtime?.EventsStopped ?? w.LastShown?.DiagnosticsStatus,
                        userMs, cpuSinceWatched - userMs, contentions ?? w.LastShown?.ContentionCount, contentionMs ?? w.LastShown?.ContentionWaitMs,
                        runtime?.ThreadPool ?? w.LastShown?.ThreadPool);
                    if (usage is not null && !w.FinalRecorded)
                    {
                        w.FinalRecorded = true;
                        finals.Add(ProcessCounters.Last(w.Pid, name, workingSet, peak, usage.UserMs ?? usage.CpuMs, usage.SystemMs ?? 0));
                    }
                }
                else
                {
                    if (_sampler is null && runtime is not null) processes.Add(FromRuntimeOnly(w, runtime));
                    continue;
                }
                processes.Add(sample);
                w.LastShown = sample;
                mark.ProcessCpuMs[w.Pid] = cpuNow;
                double cpuInInterval = Math.Max(0, cpuNow - cpuBefore);
                watchedCpuMs += cpuInInterval;
                if (w.Role == ProcessRole.Worker) workersCpuMs += cpuInInterval;
            }

            workerThreads.Sort((a, b) => (a.Worker ?? 0).CompareTo(b.Worker ?? 0));
            otherThreads.Sort((a, b) => a.Pid != b.Pid ? a.Pid.CompareTo(b.Pid) : b.CpuPercent.CompareTo(a.CpuPercent));
            var threads = workerThreads.Concat(otherThreads).ToArray();

            if (fold) _contention.Absorb(_previous.Contention);
            var contention = _contention.Sample(TopLocks);
            mark.Contention = _contention;
            _contention = _spareContention ?? new ContentionAccumulator();
            _spareContention = null;

            MarkRun(mark, run, from);
            double? others = from.MachineBusyMs is { } busyBefore && machine is { } busyNow
                ? Math.Clamp((busyNow - busyBefore - watchedCpuMs) / (seconds * 10), 0, _logicalCpus * 100.0)
                : null;
            // The run's own count, not the sum over sampled threads: it stays right when a worker process exited
            // between two samples or the OS sampler is off.
            double iterations = run is not null && from.RunIterations is { } before2 ? Math.Max(0, run.Iterations - before2) : 0;
            var (parallelism, uncertain) = Parallelism(run, iterations, seconds, workersCpuMs, others, machine);
            var owned = processes.Where(p => p.Role != ProcessRole.Monitor).ToArray();
            var (contentionCount, contentionWaitMs) = ContentionOfWatched();
            var totals = new Totals(
                owned.Sum(p => p.CpuPercent),
                owned.Sum(p => p.WorkingSetBytes),
                owned.Sum(p => p.GcHeapBytes ?? 0),
                iterations / seconds,
                run?.Progress ?? 0,
                parallelism,
                contentionCount,
                contentionWaitMs,
                owned.Sum(p => p.GcCount ?? 0),
                owned.Sum(p => p.CpuMs),
                others,
                uncertain);
            snapshot = new Snapshot(
                _time.GetLocalNow(),
                SecondsBetween(_origin, now),
                seconds,
                run is not null ? WorkloadInfoOf(run)
                    : watched.Any(w => w.Role == ProcessRole.External) ? Watching(SecondsBetween(_origin, now))
                    : null,
                processes,
                threads,
                contention,
                totals);

            if (fold)
            {
                Drop(_previous);
            }
            else
            {
                if (_beforePrevious is not null) Drop(_beforePrevious);
                _beforePrevious = _previous;
                _fullSeconds = SecondsBetween(from.Timestamp, now);
            }
            _previous = mark;
        }
        if (CountersRead is { } read)
        {
            foreach (var reading in readings.Values)
            {
                if (reading is not null) read(reading);
            }
            foreach (var final in finals) read(final);
        }
        return snapshot;
    }

    /// <summary>While the run goes, over the interval; once it has ended, over the whole run as its result gives it
    /// (an interval after the end has no work in it and read 0.00 under DONE).</summary>
    private (double? Value, string? Uncertain) Parallelism(WorkloadRun? run, double iterations, double seconds, double workersCpuMs, double? others, double? machine)
    {
        if (_singleThreadRate is null || run is null) return (null, null);
        if (run.IsCompleted && run.Completion.IsCompletedSuccessfully)
        {
            CompletedRun ??= WholeRun(run.Completion.Result, machine);
            return (CompletedRun.Figure?.Value, CompletedRun.Uncertain);
        }
        var figure = EffectiveParallelism.Of(iterations, seconds, _singleThreadRate.Value, workersCpuMs, _logicalCpus);
        return figure is { } f ? (f.Value, EffectiveParallelism.Uncertainty(f, others, _logicalCpus)) : (null, null);
    }

    /// <summary>The whole run's figure, from its result (the same one its result line gives), and what the rest of the
    /// machine used over the run.</summary>
    private RunParallelism WholeRun(RunResult result, double? machineNow)
    {
        double? others = null;
        if (_runStart is { MachineBusyMs: { } busyAtStart } start && machineNow is { } busyNow && result.CpuMs is { } workers && result.ElapsedMs > 0)
        {
            double monitor = _watched.Where(w => w.Role == ProcessRole.Monitor)
                .Sum(w => (w.LastShown?.CpuMs ?? 0) + w.CpuBaselineMs - start.ProcessCpuMs.GetValueOrDefault(w.Pid));
            double seconds = SecondsBetween(start.Timestamp, _time.GetTimestamp());
            others = Math.Clamp((busyNow - busyAtStart - workers - monitor) / (seconds * 10), 0, _logicalCpus * 100.0);
        }
        return RunParallelism.Of(result, _singleThreadRate!, _logicalCpus, others);
    }

    /// <summary>What the run's processes and the children they made have used so far, read now: for a run about to be
    /// ended, in place of the usage lines its workers will not send (so its result, last snapshot and recording still
    /// give the CPU it used). Empty without the OS sampler.</summary>
    public IReadOnlyList<WorkerUsage> ReadBeforeEnding(WorkloadRun run)
    {
        if (_sampler is null) return [];
        WatchRun(run);
        int[] pids;
        lock (_gate) pids = _watched.Where(w => w.Role == ProcessRole.Worker).Select(w => w.Pid).ToArray();
        var readings = new List<WorkerUsage>();
        foreach (int pid in pids)
        {
            if (_sampler.Sample(pid) is { } c) readings.Add(new WorkerUsage(pid, CpuMs(c), c.PeakWorkingSetBytes, c.UserMs, c.SystemMs, MonotonicClock.NowNs()));
        }
        return readings;
    }

    /// <summary>Adds what the run's processes made themselves (Python's multiprocessing workers are children of the
    /// interpreter Monitor started), found as descendants while it runs and by their own last report once they
    /// exited, so their CPU and memory count as the run's.</summary>
    private void WatchRun(WorkloadRun run)
    {
        var found = new List<int>();
        foreach (var p in run.Processes)
        {
            if (_sampler is not null && !run.IsCompleted) found.AddRange(ProcessTree.Descendants(p.Pid));
            foreach (var usage in p.Usage) found.Add(usage.Pid);
        }
        lock (_gate)
        {
            foreach (int pid in found)
            {
                if (_watched.All(w => w.Pid != pid)) _watched.Add(new WatchedProcess(pid, ProcessRole.Worker));
            }
        }
    }

    /// <summary>Keeps each worker's report and the run's iterations in <paramref name="mark"/>, and raises one thread's
    /// rate when a worker did more per CPU second since <paramref name="from"/> (or over its whole life, once done).</summary>
    private void MarkRun(IntervalMark mark, WorkloadRun? run, IntervalMark? from)
    {
        if (run is null) return;
        mark.RunIterations = run.Iterations;
        foreach (var worker in run.Workers)
        {
            var latest = worker.Latest;
            mark.Workers[worker.Worker] = latest;
            if (_singleThreadRate is null || from is null) continue;
            if (from.Workers.TryGetValue(worker.Worker, out var earlier) && latest.CpuMs is { } cpu && earlier.CpuMs is { } cpuBefore)
            {
                _singleThreadRate.Observe(latest.Iterations - earlier.Iterations, cpu - cpuBefore);
            }
        }
    }

    /// <summary>A mark no longer kept: its readings are handed back to be refilled and, unless another mark still
    /// holds it (<paramref name="contentionShared"/>), its contention accumulator collects the next interval.</summary>
    private void Drop(IntervalMark mark, bool contentionShared = false)
    {
        foreach (var (pid, reading) in mark.Readings) _spare[pid] = reading;
        mark.Readings.Clear();
        if (!contentionShared)
        {
            mark.Contention.Clear();
            _spareContention = mark.Contention;
        }
        foreach (var pid in _spare.Keys.Where(pid => _watched.All(w => w.Pid != pid)).ToArray()) _spare.Remove(pid);
    }

    private ProcessCounters? Spare(int pid)
    {
        lock (_gate) return _spare.Remove(pid, out var spare) ? spare : null;
    }

    private static double CpuMs(ProcessCounters reading) => reading.UserMs + reading.SystemMs;

    private void AddThreads(
        WatchedProcess w, ProcessCounters reading, ProcessCounters? before, bool newThreadsBornInInterval, RuntimeState? runtime,
        Dictionary<(int, int), WorkerState> workersByTid, IntervalMark from, double seconds,
        List<ThreadSample> workerThreads, List<ThreadSample> otherThreads)
    {
        var threadsNow = reading.Threads;
        for (int i = 0; i < threadsNow.Count; i++)
        {
            var t = threadsNow[i];
            ThreadCounters? earlier = FindThread(before, t.Tid, i) is { } found && ThreadRates.SameThread(found, t) ? found
                // A thread the earlier reading did not have started since: all its CPU time is this interval's.
                : newThreadsBornInInterval ? Unborn(t)
                : null;
            var thread = ThreadSampleOf(w, t, earlier, runtime, workersByTid, from, seconds);
            (thread.Role == ThreadRole.Worker ? workerThreads : otherThreads).Add(thread);
        }
    }

    /// <summary>A thread's counters before it started: all zero.</summary>
    private static ThreadCounters Unborn(in ThreadCounters t) => new(
        t.Tid, t.Name, t.State, 0, 0,
        t.OnCpuMs is null ? null : 0, t.WaitingForCpuMs is null ? null : 0,
        t.VoluntarySwitches is null ? null : 0, t.InvoluntarySwitches is null ? null : 0, t.StartedMs);

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

    private static ProcessSample FromRuntimeOnly(WatchedProcess w, RuntimeState runtime) =>
        new(w.Pid, "", w.Role, runtime.WorkingSetBytes ?? 0, runtime.WorkingSetBytes ?? 0, runtime.GcHeapBytes, GcCountOf(runtime, w.BornWatched),
            0, 0, 0, false, runtime.EventsStopped);

    private ThreadSample ThreadSampleOf(
        WatchedProcess w, ThreadCounters now, ThreadCounters? before, RuntimeState? runtime,
        Dictionary<(int, int), WorkerState> workersByTid, IntervalMark from, double seconds)
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
            long earlier = from.Workers.TryGetValue(state.Worker, out var reported) ? reported.Iterations : 0;
            iterationsPerSec = Math.Max(0, state.Iterations - earlier) / seconds;
        }
        var role = worker is not null ? ThreadRole.Worker
            : now.Name.StartsWith(".NET ", StringComparison.Ordinal) ? ThreadRole.Runtime
            : ThreadRole.Other;
        var rates = before is { } b ? ThreadRates.Between(b, now, seconds) : default;
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
            w.ThreadCpuSinceWatched(now),
            now.State);
    }

    /// <summary>An attached process: no workload, only how long it has been watched.</summary>
    private static WorkloadInfo Watching(double seconds) => new(null, null, WorkerRuntime.Dotnet, 0, 0, seconds, 0, false);

    private static WorkloadInfo WorkloadInfoOf(WorkloadRun run) => new(
        run.Spec.Mode,
        run.Spec.Work,
        run.Spec.Runtime,
        run.Spec.Workers,
        run.Spec.N,
        run.Elapsed.TotalSeconds,
        run.Iterations,
        run.IsCompleted);
}
