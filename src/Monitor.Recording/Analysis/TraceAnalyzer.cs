using System.Globalization;
using Monitor.Model;
using Monitor.Recording.Bundles;

namespace Monitor.Recording.Analysis;

/// <summary>
/// Builds an <see cref="AnalysisReport"/> from a trace bundle or a bare .nettrace (from Monitor or another tool such
/// as dotnet-trace). Throws <see cref="UnusableInputException"/> when there is nothing to report; damage that still
/// leaves something to read is reported in <see cref="AnalysisReport.Problems"/>.
/// </summary>
public static class TraceAnalyzer
{
    /// <param name="timeoutPerFile">Limit for reading one .nettrace; default scales with its size.</param>
    /// <param name="cancel">Ends the analysis at once (Ctrl+C) with <see cref="OperationCanceledException"/>.</param>
    public static AnalysisReport Analyze(string path, TimeSpan? timeoutPerFile = null, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UnusableInputException("no bundle or .nettrace file given: the path is empty");
        if (Directory.Exists(path)) return AnalyzeBundle(TraceBundle.Open(path), path, timeoutPerFile, cancel);
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) throw new UnusableInputException($"{path} does not exist");
        return AnalyzeFile(path, timeoutPerFile, cancel);
    }

    private static AnalysisReport AnalyzeFile(string path, TimeSpan? timeout, CancellationToken cancel)
    {
        // The file the user named may be a link to one; only what a bundle holds is never followed.
        var trace = NettraceReader.Read(path, 0, timeout, followLink: true, cancel);
        var problems = new List<string>();
        var notes = new List<string>();
        ReadStacks(trace, followLink: true, notes, cancel);
        if (!trace.Complete) problems.Add($"{Path.GetFileName(path)} breaks off after {trace.EventCount:N0} events ({trace.Error}): it is truncated or damaged");
        var process = ProcessOf(trace, "process", Path.GetFileName(path), null, null);
        var workload = WorkloadOf([trace], null, null, null, null);
        return new AnalysisReport(
            path, false, problems.Count == 0, problems, notes, null, trace.DurationMs, [process], LocksOf([trace]),
            ThreadsOf([trace], [], null), workload, trace.ContentionCount, trace.ContentionWaitMs, trace.GcCount,
            trace.PeakWorkingSetBytes, null)
        {
            HotMethods = HotMethodsOf([trace]),
        };
    }

    private static AnalysisReport AnalyzeBundle(TraceBundle bundle, string source, TimeSpan? timeout, CancellationToken cancel)
    {
        var manifest = bundle.Manifest;
        var problems = new List<string>();
        var notes = new List<string>();
        if (!bundle.HasFinalManifest)
        {
            problems.Add(manifest is null
                ? $"the bundle has no {BundleLayout.Manifest}: Monitor did not finish it (killed, or still recording)"
                : $"the bundle has only {BundleLayout.PartialManifest}: Monitor did not finish it (killed, or still recording)");
        }
        else if (manifest is { Complete: false })
        {
            problems.Add($"the manifest marks the bundle incomplete{(manifest.Failure is null ? "" : ": " + manifest.Failure)}");
        }

        var traces = new List<TraceContents>();
        var processes = new List<ProcessReport>();
        var osSamples = bundle.ReadOsSamples(out int badSampleLines, cancel);
        if (badSampleLines > 0) (bundle.HasFinalManifest ? problems : notes).Add($"{badSampleLines} line(s) of {BundleLayout.OsSamples} could not be read");
        var samples = osSamples.GroupBy(s => s.Counters.Pid).ToDictionary(g => g.Key, g => g.Select(s => s.Counters).ToArray());
        var peakSample = samples.ToDictionary(g => g.Key, g => g.Value.Max(c => c.PeakWorkingSetBytes));
        // A run's processes were born in it: all their CPU is the run's (the last sample may be the process's own final
        // report). Any other process (attached, Monitor itself) counts from its first sample: what it did before
        // watching began is not in the recording.
        var runPids = BundleRuns.Of(manifest).SelectMany(r => r.Pids).ToHashSet();
        // An attach recording has no run; before it named its process's trace "external", it called it a worker's.
        var rolesFromTraces = manifest?.Mode == "attach"
            ? new Dictionary<int, string>()
            : bundle.Traces.GroupBy(t => t.Pid).ToDictionary(g => g.Key, g => g.First().Role);
        double? CpuOf(int pid)
        {
            if (!samples.TryGetValue(pid, out var all)) return null;
            bool born = runPids.Contains(pid) || rolesFromTraces.GetValueOrDefault(pid) == "worker";
            return Math.Max(0, Cpu(all[^1]) - (born ? 0 : Cpu(all[0])));
        }
        var lastThreads = samples.Select(g => g.Value.LastOrDefault(c => !c.Final))
            .Where(c => c is not null && c.Pid != manifest?.MonitorPid).Select(c => c!).ToArray();
        var firstThreads = samples.Where(g => !runPids.Contains(g.Key) && rolesFromTraces.GetValueOrDefault(g.Key) != "worker")
            .ToDictionary(g => g.Key, g => g.Value[0]);

        foreach (var entry in bundle.Traces)
        {
            string name = Path.GetFileName(entry.Path);
            if (!File.Exists(entry.Path) && new FileInfo(entry.Path).LinkTarget is null)
            {
                problems.Add($"{name} is listed in the manifest but missing");
                continue;
            }
            TraceContents trace;
            try
            {
                trace = NettraceReader.Read(entry.Path, entry.Pid, timeout, followLink: false, cancel);
            }
            catch (UnusableInputException e)
            {
                problems.Add(e.Message);
                continue;
            }
            ReadStacks(trace, followLink: false, notes, cancel);
            traces.Add(trace);
            if (entry.Entry is { } listed && trace.Bytes < listed.Bytes)
            {
                problems.Add($"{name} holds {trace.Bytes:N0} bytes, the manifest says {listed.Bytes:N0}: it was cut after recording");
            }
            else if (!trace.Complete)
            {
                // The manifest tells a cut Monitor expected (a worker killed, recording stopped mid-session) from damage.
                string why = $"{name} breaks off after {trace.EventCount:N0} events ({trace.Error})";
                if (!bundle.HasFinalManifest) problems.Add(why);
                else if (entry.Entry is { Complete: false }) notes.Add(why + ": recording stopped while its session ran");
                else if (bundle.IsComplete) notes.Add(why + ": its process was killed");
                else problems.Add(why);
            }
            processes.Add(ProcessOf(trace, entry.Role, name, CpuOf(trace.Pid), peakSample.TryGetValue(trace.Pid, out var peak) ? peak : null));
        }
        foreach (var pid in samples.Keys.Where(pid => processes.All(p => p.Pid != pid)))
        {
            string role = pid == manifest?.MonitorPid ? "monitor" : runPids.Contains(pid) ? "worker" : "process";
            processes.Add(new ProcessReport(pid, role, null, 0, true, null, 0, 0, 0, new Dictionary<int, long>(), peakSample[pid], null, 0, 0, 0,
                CpuOf(pid), []));
        }
        if (traces.Count == 0 && osSamples.Count == 0 && manifest?.Result is null)
        {
            throw new UnusableInputException($"{source}: nothing in the bundle could be read{(problems.Count > 0 ? " (" + problems[0] + ")" : "")}");
        }

        var workers = processes.Where(p => p.Role == "worker").ToArray();
        var runs = RunsOf(manifest, traces, processes, notes);
        // One run: the workload is that run (in a UI bundle it may differ from the settings at the start).
        var only = runs.Count == 1 ? runs[0].Run : null;
        var recorded = ResultLine.Read(only?.Result ?? manifest?.Result);
        var workload = only is not null
            ? WorkloadOf(traces, only.Mode, only.Workers, only.N ?? recorded?.N, recorded)
            : WorkloadOf(traces, manifest?.Mode, manifest?.Workers, manifest?.N ?? recorded?.N, recorded);
        if (runs.Count > 1 && workload is not null)
        {
            // The traces of several runs: their sums add up to no one N. Each run's is checked on its own.
            workload = workload with
            {
                Sum = null,
                Expected = null,
                Correct = runs.All(r => r.Correct == true) ? true : runs.Any(r => r.Correct == false) ? false : null,
            };
        }
        double? duration = manifest is { StartedAt: { } start, EndedAt: { } end }
            ? (end - start).TotalMilliseconds
            : traces.Count > 0 ? traces.Max(t => t.DurationMs) : osSamples.Count > 0 ? osSamples[^1].T * 1000 : null;
        return new AnalysisReport(
            source,
            true,
            problems.Count == 0,
            problems,
            notes,
            manifest,
            duration,
            processes,
            LocksOf(traces),
            ThreadsOf(traces, lastThreads, firstThreads),
            workload,
            SaturatingSum.Of(traces.Select(t => t.ContentionCount)),
            traces.Sum(t => t.ContentionWaitMs),
            SaturatingSum.Of(traces.Select(t => t.GcCount)),
            workers.Any(p => p.PeakWorkingSetBytes is not null) ? SaturatingSum.Of(workers.Select(p => p.PeakWorkingSetBytes ?? 0)) : null,
            Watched(processes).Any(p => p.CpuMs is not null) ? Watched(processes).Sum(p => p.CpuMs ?? 0) : null)
        {
            Runs = runs,
            HotMethods = HotMethodsOf(traces),
        };
    }

    /// <summary>A trace recorded with stacks: its hot methods and wait sites; one that cannot be resolved is a note,
    /// the rest of the analysis stands.</summary>
    private static void ReadStacks(TraceContents trace, bool followLink, List<string> notes, CancellationToken cancel)
    {
        if (trace.StackSamples == 0) return;
        try
        {
            trace.Stacks = StackRecordingReader.Read(trace.File, trace.Pid, followLink, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notes.Add($"{Path.GetFileName(trace.File)}: its stacks could not be resolved ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static IReadOnlyList<HotMethod>? HotMethodsOf(IEnumerable<TraceContents> traces)
    {
        var hot = traces.Where(t => t.Stacks is not null).SelectMany(t => StackRecordingReader.HotMethods(t.Stacks!)).ToArray();
        return hot.Length == 0 ? null : hot;
    }

    /// <summary>Each run with the traces and processes of its own pids. A format 1 bundle's one run has every trace,
    /// as analyze always read it.</summary>
    private static List<RunReport> RunsOf(BundleManifest? manifest, IReadOnlyList<TraceContents> traces, IReadOnlyList<ProcessReport> processes, List<string> notes)
    {
        var reports = new List<RunReport>();
        var runs = BundleRuns.Of(manifest);
        bool legacy = manifest?.Runs is null;
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var pids = run.Pids.ToHashSet();
            var own = legacy ? traces : traces.Where(t => pids.Contains(t.Pid)).ToArray();
            var ownProcesses = processes.Where(p => pids.Contains(p.Pid) && p.Role != "monitor").ToArray();
            var result = ResultLine.Read(run.Result);
            long? n = run.N ?? result?.N;
            // A run whose manifest entry names no mode and whose traces hold no worker still gets a (empty) workload.
            var workload = WorkloadOf(own, run.Mode, run.Workers, n, result)
                ?? new WorkloadReport(null, run.Workers, n, null, null, null, result?.ElapsedMs, 0, null, []);
            bool traced = own.Count > 0;
            bool unfinished = run.EndedAt is null && run.Correct is null;
            bool? correct = unfinished ? null : traced && workload.Correct is { } checkedSum ? checkedSum : run.Correct;
            string name = $"run {i + 1} ({run.Mode ?? "?"} ×{run.Workers?.ToString() ?? "?"})";
            if (unfinished) notes.Add($"{name} was still going when recording stopped");
            else if (traced && workload.Correct is { } inTrace && run.Correct is { } recorded && inTrace != recorded)
            {
                notes.Add($"{name}: its traces' sum is {(inTrace ? "correct" : "not n(n-1)/2")} but the run was recorded as {(recorded ? "correct" : "failed" + (run.Failure is null ? "" : ": " + run.Failure))}");
            }
            if (!legacy && manifest?.StartedAt is { } recordingStart && run.StartedAt < recordingStart && run.Runtime != "python")
            {
                notes.Add($"{name} started before recording did: it has no .nettrace, only OS samples and snapshots");
            }
            reports.Add(new RunReport(
                i + 1, run, traced, workload, correct,
                SaturatingSum.Of(own.Select(t => t.ContentionCount)),
                own.Sum(t => t.ContentionWaitMs),
                SaturatingSum.Of(own.Select(t => t.GcCount)),
                ownProcesses.Any(p => p.CpuMs is not null) ? ownProcesses.Sum(p => p.CpuMs ?? 0) : null));
        }
        return reports;
    }

    private static double Cpu(Diagnostics.Sources.OsThreads.ProcessCounters c) => c.UserMs + c.SystemMs;

    /// <summary>What was watched: the runs' workers, or the attached processes when there are none; never Monitor.</summary>
    private static IEnumerable<ProcessReport> Watched(IReadOnlyList<ProcessReport> processes) =>
        processes.Any(p => p.Role == "worker") ? processes.Where(p => p.Role == "worker") : processes.Where(p => p.Role != "monitor");

    private static ProcessReport ProcessOf(TraceContents t, string role, string file, double? cpuMs, long? peakFromOs)
    {
        long? peak = (peakFromOs, t.PeakWorkingSetBytes) switch
        {
            (null, null) => null,
            var (a, b) => Math.Max(a ?? 0, b ?? 0),
        };
        return new ProcessReport(
            t.Pid, role, file, t.Bytes, t.Complete, t.Error, t.DurationMs, t.EventCount, t.GcCount,
            new SortedDictionary<int, long>(t.GcByGeneration), peak, t.PeakGcHeapBytes, t.ContentionCount, t.ContentionWaitMs,
            t.StackSamples, cpuMs,
            t.EventCounts.OrderBy(kv => kv.Key.Provider, StringComparer.Ordinal).ThenByDescending(kv => kv.Value)
                .Select(kv => new EventCountReport(kv.Key.Provider, kv.Key.Event, kv.Value)).ToArray());
    }

    private static Monitor.Model.LockSample[] LocksOf(IEnumerable<TraceContents> traces) => traces
        .SelectMany(t => t.Locks.Values.Select(l => new Monitor.Model.LockSample(
            t.Pid, l.LockId, l.Waits, l.WaitMs, l.TopOwner, l.Waiters.Keys.Order().ToArray())
        {
            WaitSite = t.Stacks?.Locks.GetValueOrDefault(l.LockId)?.WaitSite,
            OwnerStack = t.Stacks?.Locks.GetValueOrDefault(l.LockId)?.OwnerStack,
        }))
        .OrderByDescending(l => l.Waits).ThenByDescending(l => l.WaitMs)
        .ToArray();

    /// <param name="firstSamples">per process not born in a run (attached): its first sample, whose threads' CPU is
    /// left out.</param>
    private static ThreadReport[] ThreadsOf(IReadOnlyList<TraceContents> traces, IEnumerable<Diagnostics.Sources.OsThreads.ProcessCounters> lastSamples,
        IReadOnlyDictionary<int, Diagnostics.Sources.OsThreads.ProcessCounters>? firstSamples)
    {
        var workerOf = traces.SelectMany(t => t.Workers.Values.Where(w => w.Tid != 0).Select(w => (Key: (t.Pid, w.Tid), w.Worker)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Worker);
        var waits = traces.SelectMany(t => t.ContentionByThread.Select(kv => (Key: (t.Pid, kv.Key), kv.Value))).ToDictionary(x => x.Key, x => x.Value);
        var threads = new Dictionary<(int Pid, int Tid), ThreadReport>();
        foreach (var process in lastSamples)
        {
            var first = firstSamples?.GetValueOrDefault(process.Pid);
            foreach (var thread in process.Threads)
            {
                var key = (process.Pid, thread.Tid);
                double before = first?.Threads.FirstOrDefault(t => t.Tid == thread.Tid) is { Tid: > 0 } earlier ? ThreadCpu(earlier) : 0;
                threads[key] = Thread(key, thread.Name, Math.Max(0, ThreadCpu(thread) - before));
            }
        }
        foreach (var key in waits.Keys.Concat(workerOf.Keys).Where(k => !threads.ContainsKey(k)).ToArray())
        {
            threads[key] = Thread(key, "", null);
        }
        return threads.Values
            .OrderBy(t => t.Worker is null).ThenBy(t => t.Worker).ThenBy(t => t.Pid).ThenByDescending(t => t.CpuMs ?? 0)
            .ToArray();

        static double ThreadCpu(ThreadCounters t) => t.OnCpuMs ?? t.UserMs + t.SystemMs;

        ThreadReport Thread((int Pid, int Tid) key, string name, double? cpuMs)
        {
            int? worker = workerOf.TryGetValue(key, out int w) ? w : null;
            string role = worker is not null ? "worker" : name.StartsWith(".NET ", StringComparison.Ordinal) ? "runtime" : "other";
            var (count, waitMs) = waits.GetValueOrDefault(key);
            return new ThreadReport(key.Pid, key.Tid, name, role, worker, cpuMs, count, waitMs);
        }
    }

    /// <summary>The workload in <paramref name="traces"/>: null when they hold no worker and nothing says what ran.</summary>
    private static WorkloadReport? WorkloadOf(IReadOnlyList<TraceContents> traces, string? mode, int? workerCount, long? n, ResultLine? recorded)
    {
        var workers = traces.SelectMany(t => t.Workers.Values.Select(w => (Trace: t, Worker: w))).ToArray();
        if (workers.Length == 0 && mode is null) return null;
        Int128? sum = null;
        foreach (var (_, w) in workers.Where(x => x.Worker.Finished))
        {
            if (Int128.TryParse(w.Total, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var total)) sum = (sum ?? 0) + total;
        }
        Int128? expected = n is { } count ? (Int128)count * (count - 1) / 2 : null;
        bool allFinished = workers.Length > 0 && workers.All(x => x.Worker.Finished) && (workerCount is not { } k || workers.Length == k);
        bool? correct = expected is null || sum is null ? null : allFinished && sum == expected;
        long iterations = SaturatingSum.Of(workers.Select(x => x.Worker.Iterations));
        var spans = workers.Select(x => x.Trace).Distinct().Where(t => t.FirstSumEventMs is not null).ToArray();
        // Processes run side by side: the span is the longest one; threads share one trace anyway.
        double? spanMs = spans.Length == 0 ? null : spans.Max(t => t.LastSumEventMs!.Value - t.FirstSumEventMs!.Value);
        return new WorkloadReport(
            mode,
            workerCount,
            n,
            sum,
            expected,
            correct,
            recorded?.ElapsedMs,
            iterations,
            spanMs is > 0 ? iterations / (spanMs.Value / 1000) : null,
            workers.Select(x => new WorkerReport(x.Trace.Pid, x.Worker.Tid, x.Worker.Worker, x.Worker.Iterations, x.Worker.Finished, x.Worker.Total, x.Worker.ProgressEvents))
                .OrderBy(w => w.Worker).ToArray());
    }
}
