using System.Collections.Concurrent;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>What the test read from /proc right after a snapshot line arrived, for that snapshot's live workers.</summary>
public sealed record ProcReading(
    SnapshotLine Snapshot,
    DateTimeOffset ReadAt,
    IReadOnlyDictionary<(int Pid, int Tid), double> ThreadOnCpuMs,
    IReadOnlyDictionary<int, double> ProcessCpuMs,
    IReadOnlyDictionary<int, long> ResidentBytes);

/// <summary>One run of threads ×2 and one of processes ×2, each snapshot followed at once by the test's own /proc
/// readings of its worker threads and processes; and threads ×2 again read by the portable thread reader
/// (MONITOR_SAMPLER=portable, the path of a system without a reader of its own), held to the same checks.</summary>
public sealed class ProcReadRunsFixture : IAsyncLifetime
{
    public static readonly (string[] Args, Dictionary<string, string> Environment)[] Runs =
    [
        (["run", "--mode", "threads", "--workers", "2", "--n", "8e9", "--interval", "500", "--json"], []),
        (["run", "--mode", "processes", "--workers", "2", "--n", "8e9", "--interval", "500", "--json"], []),
        (["run", "--mode", "threads", "--workers", "2", "--n", "8e9", "--interval", "500", "--json"], new() { ["MONITOR_SAMPLER"] = "portable" }),
    ];

    public List<(WatchedMonitorRun Run, IReadOnlyList<ProcReading> Readings)> Observed { get; } = new();

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux()) return;
        foreach (var (args, environment) in Runs)
        {
            var readings = new ConcurrentQueue<ProcReading>();
            var run = await WatchedMonitorRun.CompleteAsync(args, s => readings.Enqueue(Read(s)), environment);
            Observed.Add((run, readings.ToArray()));
        }
    }

    /// <summary>Reads, right now, the kernel's figures for the snapshot's worker threads and live worker processes.</summary>
    private static ProcReading Read(SnapshotLine s)
    {
        var rss = new Dictionary<int, long>();
        var processCpu = new Dictionary<int, double>();
        var threadCpu = new Dictionary<(int, int), double>();
        foreach (var p in s.Processes.Where(p => p.Role == "worker" && p.Exited != true))
        {
            // Memory first: it is compared with no allowance for time passing.
            if (ProcReadings.ResidentBytes(p.Pid) is { } bytes) rss[p.Pid] = bytes;
        }
        foreach (var t in s.WorkerThreads)
        {
            if (ProcReadings.ThreadOnCpuMs(t.Pid, t.Tid) is { } ms) threadCpu[(t.Pid, t.Tid)] = ms;
        }
        foreach (var p in s.Processes.Where(p => p.Role == "worker" && p.Exited != true))
        {
            if (ProcReadings.ProcessCpuMs(p.Pid) is { } ms) processCpu[p.Pid] = ms;
        }
        // Taken after the readings: the span since the snapshot is then never too short.
        return new ProcReading(s, DateTimeOffset.Now, threadCpu, processCpu, rss);
    }

    public Task DisposeAsync()
    {
        foreach (var (run, _) in Observed) run.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Monitor's per-thread and per-process CPU time and memory against the kernel's own figures, read by the test right
/// after each snapshot arrived; elapsed time against the test's clock.
/// </summary>
public sealed class ProcFigureTests(ProcReadRunsFixture fixture, ITestOutputHelper output) : IClassFixture<ProcReadRunsFixture>
{
    [LinuxFact]
    public void Worker_thread_cpu_time_matches_its_schedstat_read_just_after_the_snapshot()
    {
        var report = new FigureReport();
        int compared = 0;
        foreach (var (run, readings) in fixture.Observed)
        {
            foreach (var r in readings)
            {
                double sinceSnapshotMs = Math.Max(0, (r.ReadAt - r.Snapshot.Time).TotalMilliseconds);
                report.Spread("ms from a snapshot's time to the test's reading", sinceSnapshotMs);
                foreach (var t in r.Snapshot.WorkerThreads)
                {
                    if (!r.ThreadOnCpuMs.TryGetValue((t.Pid, t.Tid), out double test)) continue; // ended meanwhile
                    compared++;
                    double diff = test - t.CpuMs;
                    report.Spread("|test - snapshot| thread cpuMs", Math.Abs(diff));
                    report.Spread("thread: test - snapshot - time since the snapshot (ms)", diff - sinceSnapshotMs);
                    // The portable reader counts in clock ticks (stat's utime + stime), not schedstat's nanoseconds.
                    double unit = r.Snapshot.ThreadReader == "portable" ? Tolerances.TickMs : Tolerances.SchedstatMs;
                    double low = -(unit + Tolerances.CpuMsRounding);
                    double high = sinceSnapshotMs + Tolerances.StampLagMs + unit + Tolerances.CpuMsRounding;
                    report.Check(diff >= low && diff <= high,
                        $"t {r.Snapshot.T}: thread {t.Pid}/{t.Tid}: schedstat {test:0.##} ms read {sinceSnapshotMs:0.#} ms after the snapshot's {t.CpuMs} ms: " +
                        $"difference {diff:0.##} outside [{low:0.##}, {high:0.##}]");
                }
            }
        }
        output.WriteLine($"{compared} thread readings compared\n{report}");
        Assert.Contains(fixture.Observed, o => o.Readings.Any(r => r.Snapshot.ThreadReader == "portable" && r.ThreadOnCpuMs.Count > 0));
        Assert.True(compared >= 4, $"only {compared} thread readings: the runs ended before the test could read their threads");
        report.AssertNone("worker threads' cpuMs against /proc/PID/task/TID/schedstat");
    }

    /// <summary>The portable reader's run keeps every invariant the proc runs keep elsewhere (ModeInvariantTests):
    /// effective parallelism within the CPUs, totals that only grow, the final snapshot's totals = the result's.</summary>
    [LinuxFact]
    public void The_portable_readers_run_keeps_every_figure_invariant()
    {
        var (run, _) = Assert.Single(fixture.Observed, o => o.Run.Snapshots.Any(s => s.ThreadReader == "portable"));
        var report = FigureChecks.Check(run, singleLock: false);
        output.WriteLine(report.ToString());
        report.AssertNone("run read by the portable thread reader");
    }

    [LinuxFact]
    public void Worker_process_cpu_time_matches_its_stat_read_just_after_the_snapshot()
    {
        var report = new FigureReport();
        int compared = 0;
        foreach (var (run, readings) in fixture.Observed)
        {
            foreach (var r in readings)
            {
                double sinceSnapshotMs = Math.Max(0, (r.ReadAt - r.Snapshot.Time).TotalMilliseconds);
                foreach (var p in r.Snapshot.Processes.Where(p => p.Role == "worker" && p.Exited != true))
                {
                    if (!r.ProcessCpuMs.TryGetValue(p.Pid, out double test)) continue; // ended meanwhile
                    compared++;
                    // A process's threads can use at most every CPU at once.
                    int parallel = Math.Min(FigureChecks.LogicalCpus, Math.Max(1, p.ThreadCount));
                    double diff = test - p.CpuMs;
                    report.Spread("|test - snapshot| process cpuMs", Math.Abs(diff));
                    report.Spread("process: test - snapshot - time since the snapshot x CPUs it can use (ms)", diff - sinceSnapshotMs * parallel);
                    double low = -(Tolerances.TickMs + Tolerances.CpuMsRounding);
                    double high = (sinceSnapshotMs + Tolerances.StampLagMs) * parallel + Tolerances.TickMs + Tolerances.CpuMsRounding;
                    report.Check(diff >= low && diff <= high,
                        $"t {r.Snapshot.T}: process {p.Pid}: utime+stime {test:0.#} ms read {sinceSnapshotMs:0.#} ms after the snapshot's {p.CpuMs} ms: " +
                        $"difference {diff:0.#} outside [{low:0.#}, {high:0.#}]");
                }
            }
        }
        output.WriteLine($"{compared} process readings compared\n{report}");
        Assert.True(compared >= 3, $"only {compared} process readings: the runs ended before the test could read their processes");
        report.AssertNone("worker processes' cpuMs against /proc/PID/stat utime+stime");
    }

    [LinuxFact]
    public void Worker_working_set_matches_VmRSS_and_the_result_peak_covers_it()
    {
        var report = new FigureReport();
        int compared = 0;
        foreach (var (run, readings) in fixture.Observed)
        {
            foreach (var r in readings)
            {
                foreach (var p in r.Snapshot.Processes.Where(p => p.Role == "worker" && p.Exited != true))
                {
                    if (!r.ResidentBytes.TryGetValue(p.Pid, out long test)) continue;
                    compared++;
                    double share = Math.Abs(test - p.WorkingSetBytes) / (double)test;
                    report.Spread("|VmRSS - workingSetBytes| / VmRSS", share);
                    report.Check(share <= Tolerances.ResidentShare,
                        $"t {r.Snapshot.T}: process {p.Pid}: workingSetBytes {p.WorkingSetBytes} against VmRSS {test} ({share:P1})");
                }
            }
            long? peak = run.Result!.PeakWorkingSetBytes;
            report.Check(peak is not null, "result without peakWorkingSetBytes");
            foreach (var s in run.Snapshots)
            {
                foreach (var p in s.Processes.Where(p => p.Role == "worker"))
                {
                    report.Check(peak >= p.WorkingSetBytes, $"t {s.T}: worker {p.Pid} workingSetBytes {p.WorkingSetBytes} above the result's peak {peak}");
                }
            }
        }
        output.WriteLine($"{compared} resident sets compared\n{report}");
        Assert.True(compared >= 3, $"only {compared} resident-set readings");
        report.AssertNone("worker processes' workingSetBytes against /proc/PID/status VmRSS");
    }

    [LinuxFact]
    public void Elapsed_fits_the_tests_clock_and_no_worker_thread_outran_it()
    {
        foreach (var (run, _) in fixture.Observed)
        {
            var r = run.Result!;
            double wallMs = run.ResultArrivedAfter!.Value.TotalMilliseconds;
            double busiest = r.WorkerThreads.Max(t => t.CpuMs ?? 0);
            output.WriteLine($"{r.Mode} x{r.Workers}: elapsedMs {r.ElapsedMs}, startupMs {r.StartupMs}, test's clock {wallMs:0.#} ms, busiest worker thread {busiest} ms");
            Assert.True(r.ElapsedMs <= wallMs, $"elapsedMs {r.ElapsedMs} > the test's {wallMs:0.#} ms from launch to the result line");
            Assert.True(busiest <= r.ElapsedMs + Tolerances.CpuWithinWallMs, $"a worker thread used {busiest} ms of CPU in {r.ElapsedMs} ms");
            Assert.NotNull(r.StartupMs);
            Assert.True(r.StartupMs < r.ElapsedMs, $"startupMs {r.StartupMs} >= elapsedMs {r.ElapsedMs}");
            Assert.Equal(r.Workers, r.WorkerThreads.Length);
            Assert.All(r.WorkerThreads, t => Assert.NotNull(t.CpuMs));
            Assert.Empty(Leftovers.ProcessesOf(run.Pid));
        }
    }
}
