using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Model;

namespace Monitor.Workloads;

/// <summary>
/// The body of a worker process (`monitor worker ...`): starts the worker threads, reports on stdout and exits 0
/// when every thread has finished.
/// </summary>
public static class WorkerProcessMain
{
    /// <summary>Exit code of a worker whose Monitor disappeared.</summary>
    public const int OrphanExitCode = 3;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        // Calibration too, so N auto is chosen at the priority the run will compute at.
        WorkerPriority.Lower();
        TerminalSignals.LeaveToMonitor();
        if (CalibrationArguments.IsCalibration(args))
        {
            CalibrationArguments calibration;
            try
            {
                calibration = CalibrationArguments.Parse(args);
            }
            catch (FormatException e)
            {
                output.WriteLine(WorkerMessage.Format(new WorkerError(e.Message)));
                return 2;
            }
            return Calibrate(calibration, output);
        }
        WorkerArguments parsed;
        try
        {
            parsed = WorkerArguments.Parse(args);
        }
        catch (FormatException e)
        {
            output.WriteLine(WorkerMessage.Format(new WorkerError(e.Message)));
            return 2;
        }
        if (parsed.ParentPid > 0) ParentWatchdog.Start(parsed.ParentPid, OrphanExitCode);
        StartGate.Wait();
        return Run(parsed, output);
    }

    public static int Run(WorkerArguments args, TextWriter output)
    {
        var gil = args.Options.Gil ? new GlobalInterpreterLock(TimeSpan.FromMilliseconds(args.Options.SwitchMs)) : null;
        var ranges = Partition.Split(args.Range.Start, args.Range.End, args.Threads);
        // Worker threads never touch stdout: a lock around the writer would add contention of our own to what the
        // gil mode measures. They queue lines lock-free; this thread writes them.
        var lines = new ConcurrentQueue<string>();
        int pid = Environment.ProcessId;
        var workers = new SumWorker[args.Threads];
        var threads = new Thread[args.Threads];
        var tids = new int[args.Threads];
        using var started = new CountdownEvent(args.Threads);
        for (int i = 0; i < args.Threads; i++)
        {
            var worker = new SumWorker(args.FirstWorker + i, ranges[i], args.Options, gil);
            workers[i] = worker;
            int slot = i;
            threads[i] = new Thread(() =>
            {
                int tid = OsThreadId.Current();
                Volatile.Write(ref tids[slot], tid);
                lines.Enqueue(WorkerMessage.Format(new WorkerStarted(worker.Index, pid, tid, worker.Range.Start, worker.Range.End, MonotonicClock.NowNs())));
                started.Signal();
                Int128 total = worker.Run();
                double? cpuMs = ThreadCpuClock.Seconds() * 1000 ?? ResourceUsage.CurrentThreadCpuMs();
                lines.Enqueue(WorkerMessage.Format(new WorkerFinished(worker.Index, worker.Iterations, total, cpuMs)));
            })
            {
                Name = SumWorker.ThreadNamePrefix + worker.Index,
                IsBackground = true,
            };
        }
        foreach (var t in threads) t.Start();
        // The loop below sleeps up to 100 ms between drains: the start lines go out as soon as every thread runs, or
        // Monitor would count that sleep into the run's start-up.
        started.Wait(TimeSpan.FromSeconds(1));

        var reported = new long[args.Threads];
        var stats = new ProcessStatsReporter();
        int joined = 0;
        while (true)
        {
            while (joined < threads.Length && threads[joined].Join(0)) joined++;
            bool done = joined == threads.Length;
            Drain(lines, output);
            if (done) break;
            stats.Tick();
            for (int i = 0; i < workers.Length; i++)
            {
                long now = workers[i].Iterations;
                if (now != reported[i])
                {
                    reported[i] = now;
                    // Read after the iterations: the CPU time then also covers the chunk in progress, so the pair never
                    // overstates the thread's rate per CPU second.
                    double? cpuMs = ThreadCpuClock.SecondsOf(Volatile.Read(ref tids[i])) * 1000;
                    output.WriteLine(WorkerMessage.Format(new WorkerProgress(workers[i].Index, now, cpuMs)));
                }
            }
            output.Flush();
            // Wakes as soon as the oldest running thread ends, so the last result is reported without delay.
            threads[joined].Join(100);
        }
        stats.Final();
        output.WriteLine(WorkerMessage.Format(ResourceUsage.CurrentProcess()));
        output.Flush();
        return 0;
    }

    private static void Drain(ConcurrentQueue<string> lines, TextWriter output)
    {
        while (lines.TryDequeue(out var line)) output.WriteLine(line);
    }

    /// <summary>A calibration watched like any worker: a Monitor killed while it calibrates is noticed by the watchdog
    /// during a long one, and by the check after the result (a calibration is shorter than the watchdog's period), so
    /// its socket is removed and no calibration outlives it. It computes on a thread of its own, as every worker of a
    /// run computes (sum_worker.py does the same: there the main thread measured ~17% slower than a worker thread on
    /// the 2-vCPU VM).</summary>
    public static int Calibrate(CalibrationArguments args, TextWriter output)
    {
        if (args.ParentPid > 0) ParentWatchdog.Start(args.ParentPid, OrphanExitCode);
        int code = 0;
        var thread = new Thread(() => code = Calibrate(args.Duration, output)) { Name = "sum-calibration" };
        thread.Start();
        thread.Join();
        // The result went nowhere if Monitor is gone (.NET ignores a broken pipe on stdout): clean up after it.
        if (args.ParentPid > 0) ParentWatchdog.ExitIfOrphaned(args.ParentPid, OrphanExitCode);
        return code;
    }

    /// <summary>Calibration measures the kernel in windows this long and keeps the best (see <see cref="Calibrate"/>).</summary>
    public static readonly TimeSpan CalibrationWindow = TimeSpan.FromMilliseconds(25);

    /// <summary>`monitor worker --calibrate MS`: runs the kernel alone for about MS milliseconds and reports the
    /// single-thread rate (see <see cref="CalibrationResult"/>), from which Monitor picks an N that takes about ten
    /// seconds and measures effective parallelism: per second of wall time over the whole measurement, and per second
    /// of this thread's CPU time as the best of short windows, i.e. what one thread does while it runs undisturbed (at
    /// nice 10, other load takes wall time from calibration, and neighbours and migrations slow it per CPU second too;
    /// a unit measured slow makes every effective parallelism read too high). sum_worker.py's calibrate does the same.</summary>
    public static int Calibrate(TimeSpan duration, TextWriter output)
    {
        // Warm up so the rate is the optimized loop's, then measure whole chunks until the time is up.
        SumKernel.SumChunk(0, 1 << 16);
        long iterations = 0;
        double best = 0;
        double cpuTotal = 0;
        var watch = Stopwatch.StartNew();
        ulong sink = 0;
        while (watch.Elapsed < duration)
        {
            long windowIterations = 0;
            var windowEnd = watch.Elapsed + CalibrationWindow;
            double? windowCpu = ThreadCpuClock.Seconds();
            do
            {
                sink += SumKernel.SumChunk(iterations, iterations + SumKernel.DefaultChunk);
                iterations += SumKernel.DefaultChunk;
                windowIterations += SumKernel.DefaultChunk;
            }
            while (watch.Elapsed < windowEnd);
            if (ThreadCpuClock.Seconds() - windowCpu is > 0 and var cpu)
            {
                best = Math.Max(best, windowIterations / cpu);
                cpuTotal += cpu;
            }
        }
        double wall = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        double perWall = iterations / wall;
        // Never a rate below the wall-clock one: a thread cannot compute longer than the time it was measured over.
        output.WriteLine(WorkerMessage.Format(new CalibrationResult(perWall, best > 0 ? Math.Max(best, perWall) : null,
            best > 0 ? Math.Min(1, cpuTotal / wall) : null)));
        output.Flush();
        return 0;
    }
}
