using Monitor.Diagnostics.Sources;
using Monitor.Diagnostics.Sources.Machine;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Diagnostics.Sources.Stacks;
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
    public const double FoldBelow = IntervalTimeline.FoldBelow;

    private readonly IThreadSampler? _sampler;
    private readonly Func<double?> _machineBusyMs;
    private readonly int _logicalCpus;
    private readonly TimeProvider _time;
    private readonly long _origin;
    // Guards everything below: Post comes from the sessions' threads, Take from the clock's.
    private readonly object _gate = new();
    private readonly WatchList _watch;
    private readonly IntervalTimeline _timeline;
    private readonly RuntimeStates _runtime = new();
    private readonly ContentionTotals _contentionTotals = new();
    private readonly WorkerAttribution _attribution = new();
    private readonly ParallelismEstimator _parallelism;
    private readonly StackAnnotations _stacks = new();
    private IObservedRun? _run;
    // The followed run's time the last snapshot showed. Monitor's clock runs on until it reads the run's end, which
    // the run then dates by its workers' own last line: a snapshot taken in between shows a time past that end, and
    // the next one must not go back from it.
    private double _runSecondsShown;

    /// <param name="sampler">null when the OS sampler is off (--diagnostics none).</param>
    /// <param name="singleThreadRate">one thread's rate on this machine, for effective parallelism; raised as worker
    /// threads are seen going faster per CPU second. Null: no effective parallelism (attach).</param>
    /// <param name="time">the clock that times intervals (tests pass their own).</param>
    /// <param name="origin">the <paramref name="time"/> timestamp snapshots count their T from (another aggregator's
    /// <see cref="Origin"/>, to share its time line); null: now.</param>
    /// <param name="machineBusyMs">the whole machine's busy CPU time so far, for what others used; by default
    /// /proc/stat's (null where unknown).</param>
    /// <param name="logicalCpus">the CPUs effective parallelism cannot exceed; by default this machine's.</param>
    /// <param name="descendantsOf">the living processes below a process, to watch what a run's processes start; by
    /// default <see cref="ProcessTree.Descendants"/>.</param>
    public SnapshotAggregator(IThreadSampler? sampler, SingleThreadRate? singleThreadRate, TimeProvider? time = null, long? origin = null,
        Func<double?>? machineBusyMs = null, int? logicalCpus = null, Func<int, IReadOnlyList<int>>? descendantsOf = null)
    {
        _sampler = sampler;
        _time = time ?? TimeProvider.System;
        _machineBusyMs = machineBusyMs ?? SystemCpuTime.BusyMs;
        _logicalCpus = logicalCpus ?? Environment.ProcessorCount;
        _parallelism = new ParallelismEstimator(singleThreadRate, _logicalCpus, _time);
        // Without the OS sampler children found could not be read.
        _watch = new WatchList(sampler is null ? null : descendantsOf ?? ProcessTree.Descendants);
        long now = _time.GetTimestamp();
        _origin = origin ?? now;
        _timeline = new IntervalTimeline(new IntervalMark(now), _time, _watch.Contains);
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
    public long ContentionCount { get { lock (_gate) return _contentionTotals.Of(_watch.Processes).Count; } }

    public double ContentionWaitMs { get { lock (_gate) return _contentionTotals.Of(_watch.Processes).WaitMs; } }

    /// <summary>The effective parallelism of the followed run once it has ended, as its last snapshot gave it, with
    /// what others used of the machine over the run and why the figure is uncertain; null before.</summary>
    public RunParallelism? CompletedRun => _parallelism.CompletedRun;

    /// <summary>Stops watching <paramref name="pid"/> and forgets what was known of it (a process an exporter no longer
    /// follows): sessions that watch processes come and go for days keep only what they watch.</summary>
    public void Unwatch(int pid)
    {
        lock (_gate)
        {
            _watch.Unwatch(pid);
            _runtime.KeepOnly(p => p != pid);
            _contentionTotals.Forget(pid);
            _timeline.SpareReading(pid);
            _stacks.Forget(pid);
        }
    }

    /// <summary>The most resident memory the readings of <paramref name="pid"/> showed, or null when never read.</summary>
    public long? MostResidentBytes(int pid)
    {
        lock (_gate) return _watch.Find(pid) is { MostResidentBytes: > 0 } w ? w.MostResidentBytes : null;
    }

    /// <summary>GCs of a watched process since watching began (for a run's worker, since it started).</summary>
    public int GcCount(int pid)
    {
        lock (_gate) return _runtime.Find(pid)?.GcCountFor(bornWatched: _watch.Find(pid)?.BornWatched ?? true) ?? 0;
    }

    /// <summary>Sum of the runtime's own monitor-lock-contention-count increments received so far.</summary>
    public double RuntimeContentionCounter(int pid) { lock (_gate) return _runtime.Find(pid)?.MonitorLockContentionCount ?? 0; }

    /// <summary>From now on snapshots say how stacks are sampled (and, while <paramref name="enabled"/>, carry them).</summary>
    public void SampleStacks(bool enabled, TimeSpan burst, TimeSpan period)
    {
        lock (_gate) _stacks.Configure(enabled, burst, period);
    }

    /// <summary>A burst of stack samples of a watched process (from a <see cref="StackSampler"/>'s thread).</summary>
    public void StacksTaken(StackBurst burst)
    {
        lock (_gate) _stacks.Took(burst);
    }

    public void StacksFailed(int pid, string why)
    {
        lock (_gate) _stacks.Failed(pid, why);
    }

    public void Watch(int pid, ProcessRole role)
    {
        lock (_gate) _watch.Watch(pid, role);
    }

    /// <summary>Follows a new run: its processes are watched, the previous run's are dropped.</summary>
    public void Follow(IObservedRun run)
    {
        lock (_gate)
        {
            _run = run;
            _runSecondsShown = 0;
            _parallelism.Follow();
            var previousRun = _watch.Follow(run);
            // A UI session runs workload after workload: keep what the runtime said of the previous run's processes
            // (its result may still be being summed up), drop anything older, so memory stays bounded.
            _runtime.KeepOnly(pid => previousRun.Contains(pid) || _watch.Contains(pid));
        }
        Prime();
        lock (_gate) _parallelism.RunStartsAt(_timeline.Last);
    }

    /// <summary>Reads the sources once, so the first snapshot's rates run from now: the interval starts here.</summary>
    public void Prime()
    {
        WatchedProcess[] watched;
        lock (_gate) watched = _watch.ToArray();
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
            var mark = new IntervalMark(_time.GetTimestamp()) { MachineBusyMs = machine };
            foreach (var w in watched)
            {
                if (readings.TryGetValue(w.Pid, out var reading))
                {
                    w.SetBaselines(CpuMs(reading), reading.UserMs, reading.Threads);
                    mark.Readings[w.Pid] = reading;
                    mark.ProcessCpuMs[w.Pid] = CpuMs(reading);
                }
                else if (_timeline.Last.ProcessCpuMs.TryGetValue(w.Pid, out double known))
                {
                    mark.ProcessCpuMs[w.Pid] = known;
                }
                if (_runtime.Find(w.Pid) is { } runtime) mark.StarvationAdjustments[w.Pid] = runtime.StarvationAdjustments;
            }
            if (_run is not null) mark.NoteRun(_run, _run.Iterations);
            _timeline.Restart(mark);
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
                    _timeline.Contention.Started(s);
                    _contentionTotals.Started(s);
                    break;
                case ContentionStopped s:
                    _timeline.Contention.Stopped(s);
                    _contentionTotals.Stopped(s);
                    break;
                default:
                    _runtime.Apply(e);
                    break;
            }
        }
    }

    /// <summary>Reads the sources and returns the snapshot of the interval since the previous call (or, when that
    /// was only a sliver of the last full interval ago, since the one before: see <see cref="FoldBelow"/>).</summary>
    public Snapshot Take()
    {
        long now = _time.GetTimestamp();
        WatchedProcess[] watched;
        IObservedRun? run;
        IntervalMark from;
        bool fold;
        lock (_gate)
        {
            run = _run;
            from = _timeline.StartOf(now, out fold);
        }
        // The run read once, at the snapshot's moment: its progress, iterations, rate and time all come from this one
        // reading (the workers' lines keep arriving meanwhile, so two reads of the run differ).
        var runNow = run is null ? default : RunReading.Of(run);
        if (run is not null) WatchRun(run);
        lock (_gate) watched = _watch.ToArray();
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
            _attribution.Update(run);
            var processes = new List<ProcessSample>();
            var workerThreads = new List<ThreadSample>();
            var otherThreads = new List<ThreadSample>();
            double watchedCpuMs = 0, workersCpuMs = 0;
            foreach (var w in watched)
            {
                readings.TryGetValue(w.Pid, out var reading);
                var runtime = _runtime.Find(w.Pid);
                var figures = runtime?.Sample(from.StarvationAdjustments.GetValueOrDefault(w.Pid));
                if (runtime is not null) mark.StarvationAdjustments[w.Pid] = runtime.StarvationAdjustments;
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
                    sample = ProcessSamples.Running(w, reading, runtime, _contentionTotals.OfProcess(w.Pid, runtime is not null), figures, cpuBefore, cpuNow, seconds);
                    mark.Readings[w.Pid] = reading;
                    if (w.Role != ProcessRole.Monitor)
                    {
                        // Monitor's own cost is shown as a process; its threads are not what the user watches.
                        bool bornInInterval = before is not null || (w.BornWatched && firstReading && !known);
                        ThreadSamples.Add(w, reading, before, bornInInterval, runtime, _attribution, from, seconds, workerThreads, otherThreads);
                    }
                }
                else if (w.LastShown is not null || known)
                {
                    // Gone: its own last report (read from the OS just before it exited) gives the CPU it used since
                    // it was last read; without one (killed), nothing more is known.
                    var usage = run?.UsageOf(w.Pid);
                    double lastCpu = w.LastShown is { } shown ? shown.CpuMs + w.CpuBaselineMs : cpuBefore;
                    cpuNow = usage is { } u ? Math.Max(u.CpuMs, lastCpu) : lastCpu;
                    if (!known) cpuBefore = lastCpu;
                    sample = ProcessSamples.Gone(w, from.Readings.GetValueOrDefault(w.Pid), usage, runtime, _contentionTotals.OfProcess(w.Pid, runtime is not null), figures, cpuBefore, cpuNow, lastCpu, seconds);
                    if (usage is not null && !w.FinalRecorded)
                    {
                        w.FinalRecorded = true;
                        finals.Add(ProcessSamples.FinalReading(sample, usage));
                    }
                }
                else
                {
                    if (_sampler is null && runtime is not null) processes.Add(ProcessSamples.RuntimeOnly(w, runtime, figures));
                    continue;
                }
                processes.Add(sample);
                w.LastShown = sample;
                mark.ProcessCpuMs[w.Pid] = cpuNow;
                double cpuInInterval = Math.Max(0, cpuNow - cpuBefore);
                watchedCpuMs += cpuInInterval;
                if (w.Role == ProcessRole.Worker) workersCpuMs += cpuInInterval;
            }

            var threads = ThreadSamples.InOrder(workerThreads, otherThreads);
            var contention = _timeline.Close(mark, from, fold, TopLocks);

            if (run is not null)
            {
                mark.NoteRun(run, runNow.Iterations);
                _parallelism.LearnRate(from, mark);
            }
            double? others = from.MachineBusyMs is { } busyBefore && machine is { } busyNow
                ? Math.Clamp((busyNow - busyBefore - watchedCpuMs) / (seconds * 10), 0, _logicalCpus * 100.0)
                : null;
            // The run's own count, not the sum over sampled threads: it stays right when a worker process exited
            // between two samples or the OS sampler is off.
            double iterations = run is not null && from.RunIterations is { } before2 ? Math.Max(0, runNow.Iterations - before2) : 0;
            var (parallelism, uncertain) = _parallelism.Of(run, iterations, seconds, workersCpuMs, others, machine, _watch.Processes);
            var owned = processes.Where(p => p.Role != ProcessRole.Monitor).ToArray();
            var (contentionCount, contentionWaitMs) = _contentionTotals.Of(_watch.Processes);
            var totals = new Totals(
                owned.Sum(p => p.CpuPercent),
                owned.Sum(p => p.WorkingSetBytes),
                owned.Sum(p => p.GcHeapBytes ?? 0),
                iterations / seconds,
                run is null ? 0 : runNow.Progress(run.Spec.N),
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
                run is not null ? WorkloadInfoOf(run, runNow with { Seconds = ShownRunSeconds(runNow.Seconds) })
                    : watched.Any(w => w.Role == ProcessRole.External) ? Watching(SecondsBetween(_origin, now))
                    : null,
                processes,
                threads,
                contention,
                totals)
            {
                ThreadReader = _sampler?.Reader,
            };
            snapshot = _stacks.Annotate(snapshot, now, _time.TimestampFrequency);
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

    /// <summary>What the run's processes and the children they made have used so far, read now: for a run about to be
    /// ended, in place of the usage lines its workers will not send (so its result, last snapshot and recording still
    /// give the CPU it used). Empty without the OS sampler.</summary>
    public IReadOnlyList<WorkerUsage> ReadBeforeEnding(IObservedRun run)
    {
        if (_sampler is null) return [];
        WatchRun(run);
        int[] pids;
        lock (_gate) pids = _watch.PidsOf(ProcessRole.Worker);
        var readings = new List<WorkerUsage>();
        foreach (int pid in pids)
        {
            if (_sampler.Sample(pid) is { } c) readings.Add(new WorkerUsage(pid, CpuMs(c), c.PeakWorkingSetBytes, c.UserMs, c.SystemMs, MonotonicClock.NowNs()));
        }
        return readings;
    }

    /// <summary>Watches what the run's processes made themselves, so their CPU and memory count as the run's.</summary>
    private void WatchRun(IObservedRun run)
    {
        // Outside the lock: the process tree is read from /proc.
        var found = _watch.FoundIn(run);
        lock (_gate)
        {
            foreach (int pid in found) _watch.Watch(pid, ProcessRole.Worker);
        }
    }

    private ProcessCounters? Spare(int pid)
    {
        lock (_gate) return _timeline.SpareReading(pid);
    }

    private static double CpuMs(ProcessCounters reading) => reading.UserMs + reading.SystemMs;

    /// <summary>An attached process: no workload, only how long it has been watched.</summary>
    private static WorkloadInfo Watching(double seconds) => new(null, null, WorkerRuntime.Dotnet, 0, 0, seconds, 0, false);

    /// <summary>The followed run's time for a snapshot: never less than the last snapshot showed (caller holds the
    /// gate).</summary>
    private double ShownRunSeconds(double seconds) => _runSecondsShown = Math.Max(_runSecondsShown, seconds);

    private static WorkloadInfo WorkloadInfoOf(IObservedRun run, RunReading now) => new(
        run.Spec.Mode,
        run.Spec.Work,
        run.Spec.Runtime,
        run.Spec.Workers,
        run.Spec.N,
        now.Seconds,
        now.Iterations,
        now.Completed);

    /// <summary>A run's figures read at one moment.</summary>
    private readonly record struct RunReading(bool Completed, long Iterations, double Seconds)
    {
        // Completed first: a run that has ended has its final time set before it says so, so a reading that says
        // it ended also has the run's time, not the clock's.
        public static RunReading Of(IObservedRun run) => new(run.IsCompleted, run.Iterations, run.Elapsed.TotalSeconds);

        public double Progress(long n) => n == 0 ? 1 : (double)Iterations / n;
    }
}
