using System.Text.Json;

namespace Monitor.Tests.Cli;

/// <summary>
/// `monitor run --json` with diagnostics: snapshot lines with the documented fields, what each mode must show
/// (processes: K runtimes of their own; gil: contention between the worker threads; threads: none), and the levels
/// os and none.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RunSnapshotTests
{
    private static async Task<(JsonElement[] Snapshots, JsonElement Result)> RunJson(params string[] args)
    {
        var run = await MonitorProgram.RunAsync(["run", "--json", "--interval", "200", .. args]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.LeftoverWorkers);
        var lines = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        return (lines.Where(l => l.GetProperty("type").GetString() == "snapshot").ToArray(), lines[^1]);
    }

    [Fact]
    public async Task Snapshot_lines_carry_processes_threads_contention_and_totals()
    {
        var (snapshots, result) = await RunJson("--mode", "threads", "--workers", "2", "--n", "4e9");

        Assert.NotEmpty(snapshots);
        // The first snapshot may come before the workers reported their thread ids, and on a quiet machine one worker
        // thread can end a snapshot before the other (the run lasts ~1 s): take one that shows the most workers.
        var s = snapshots.MaxBy(x => x.GetProperty("threads").EnumerateArray().Count(t => t.GetProperty("role").GetString() == "worker"));
        foreach (var name in new[] { "t", "progress", "processes", "threads", "contention", "totals" }) Assert.True(s.TryGetProperty(name, out _), name);
        var process = s.GetProperty("processes").EnumerateArray().First(p => p.GetProperty("role").GetString() == "worker");
        foreach (var name in new[] { "pid", "role", "workingSetBytes", "cpuPercent" }) Assert.True(process.TryGetProperty(name, out _), name);
        var workers = s.GetProperty("threads").EnumerateArray().Where(t => t.GetProperty("role").GetString() == "worker").ToArray();
        Assert.Equal(2, workers.Length);
        foreach (var t in workers)
        {
            foreach (var name in new[] { "pid", "tid", "name", "worker", "cpuPercent", "userPercent", "systemPercent", "cpuWaitPercent", "blockedPerSec", "iterationsPerSec" })
                Assert.True(t.TryGetProperty(name, out _), name);
            Assert.StartsWith("sum-worker-", t.GetProperty("name").GetString());
        }
        Assert.True(s.GetProperty("contention").TryGetProperty("count", out _));
        Assert.True(s.GetProperty("totals").TryGetProperty("iterationsPerSec", out _));

        foreach (var name in new[] { "cpuMs", "peakWorkingSetBytes", "contentionCount", "contentionWaitMs", "gcCount" })
            Assert.True(result.TryGetProperty(name, out _), name);
        foreach (var t in result.GetProperty("workerThreads").EnumerateArray()) Assert.True(t.GetProperty("cpuMs").GetDouble() > 0);
        Assert.True(result.GetProperty("contentionCount").GetInt64() <= 5, "threads mode shares no lock");
        // The last snapshot covers the end of the run: its effective parallelism is the whole run's, the result's (the
        // interval after the end has no work in it; the UI used to show 0.00 under DONE).
        Assert.Equal(result.GetProperty("effectiveParallelism").GetDouble(), snapshots[^1].GetProperty("totals").GetProperty("effectiveParallelism").GetDouble(), 2);
        // The worker's session ended with it, normally (the last snapshot shows it exited): no failure to report.
        Assert.All(snapshots.SelectMany(x => x.GetProperty("processes").EnumerateArray()), p => Assert.False(p.TryGetProperty("diagnosticsStatus", out _)));
    }

    [Fact]
    public async Task Gil_mode_reports_contention_between_the_worker_threads()
    {
        var (snapshots, result) = await RunJson("--mode", "gil", "--workers", "2", "--n", "6e9");

        var workerTids = result.GetProperty("workerThreads").EnumerateArray().Select(t => t.GetProperty("tid").GetInt32()).ToHashSet();
        Assert.True(result.GetProperty("contentionCount").GetInt64() > 0);
        var locks = snapshots.SelectMany(s => s.GetProperty("contention").GetProperty("locks").EnumerateArray()).ToArray();
        Assert.NotEmpty(locks);
        // The GIL is the busiest lock (a runtime start-up wait or two on other locks may appear besides it).
        string gil = locks.GroupBy(l => l.GetProperty("lockId").GetString()).MaxBy(g => g.Sum(l => l.GetProperty("waits").GetInt64()))!.Key!;
        var gilSamples = locks.Where(l => l.GetProperty("lockId").GetString() == gil).ToArray();
        Assert.Contains(gilSamples, l => l.TryGetProperty("ownerTid", out var owner) && workerTids.Contains(owner.GetInt32()));
        Assert.All(gilSamples.SelectMany(l => l.GetProperty("waiterTids").EnumerateArray()).Select(w => w.GetInt32()),
            tid => Assert.Contains(tid, workerTids));
        // The intervals partition the run, but for a last sliver folded into the interval before it (the last snapshot
        // then covers both): its per-interval count replaces that one's. The cumulative total is the result's.
        var partition = snapshots.Where((s, i) => i + 1 == snapshots.Length || !Covers(snapshots[i + 1], s));
        Assert.Equal(result.GetProperty("contentionCount").GetInt64(),
            partition.Sum(s => s.GetProperty("contention").GetProperty("count").GetInt64()));
        Assert.Equal(result.GetProperty("contentionCount").GetInt64(), snapshots[^1].GetProperty("totals").GetProperty("contentionCount").GetInt64());
    }

    /// <summary>Whether snapshot <paramref name="later"/>'s interval begins before <paramref name="earlier"/> ends.</summary>
    private static bool Covers(JsonElement later, JsonElement earlier) =>
        later.GetProperty("t").GetDouble() - later.GetProperty("intervalSec").GetDouble() < earlier.GetProperty("t").GetDouble() - 0.01;

    [Fact]
    public async Task Processes_mode_shows_one_runtime_per_worker_each_with_its_own_memory()
    {
        var (single, _) = await RunJson("--mode", "single", "--n", "3e9");
        var (many, result) = await RunJson("--mode", "processes", "--workers", "3", "--n", "9e9");

        long one = PeakWorkerMemory(single).Values.Max();
        var perProcess = PeakWorkerMemory(many);
        Assert.Equal(3, perProcess.Count);
        Assert.All(perProcess.Values, ws => Assert.True(ws > one / 2, $"{ws} vs one runtime {one}"));
        long total = perProcess.Values.Sum();
        Assert.InRange(total, 3 * one * 6 / 10, 3 * one * 14 / 10);
        Assert.Equal(3, result.GetProperty("processCount").GetInt32());
    }

    [Fact]
    public async Task Diagnostics_os_has_no_runtime_events_and_none_has_no_snapshots()
    {
        var (osSnapshots, osResult) = await RunJson("--mode", "threads", "--n", "2e9", "--diagnostics", "os");
        var (noneSnapshots, noneResult) = await RunJson("--mode", "threads", "--n", "2e9", "--diagnostics", "none");

        Assert.NotEmpty(osSnapshots);
        Assert.False(osResult.TryGetProperty("contentionCount", out _));
        Assert.Empty(noneSnapshots);
        Assert.True(noneResult.GetProperty("correct").GetBoolean());
        Assert.False(noneResult.TryGetProperty("effectiveParallelism", out _));
    }

    [Fact]
    public async Task Without_diagnostics_the_progress_lines_only_grow_stay_within_the_run_and_end_at_its_result()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await MonitorProgram.RunAsync(["run", "--json", "--interval", "100", "--mode", "threads", "--workers", "2", "--n", "3e9", "--diagnostics", "none"]);
        double wallSeconds = clock.Elapsed.TotalSeconds;
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var progress = lines.Where(l => l.GetProperty("type").GetString() == "progress").ToArray();
        var result = lines[^1];
        long n = result.GetProperty("n").GetInt64();

        Assert.NotEmpty(progress);
        double lastT = 0, shownBefore = 0;
        long lastIterations = 0;
        foreach (var p in progress)
        {
            shownBefore = lastT;
            double t = p.GetProperty("t").GetDouble();
            long iterations = p.GetProperty("iterations").GetInt64();
            // Totals only grow, never past N, and the fraction is the iterations' own (to the line's 4 decimals).
            Assert.True(t >= lastT && iterations >= lastIterations, $"went back: t {lastT} → {t}, iterations {lastIterations} → {iterations}");
            Assert.InRange(iterations, 0, n);
            Assert.Equal((double)iterations / n, p.GetProperty("progress").GetDouble(), 4);
            // The run's own time cannot exceed what the test's clock saw of the whole command.
            Assert.True(t <= wallSeconds, $"t {t} s in a command that lasted {wallSeconds:0.00} s");
            (lastT, lastIterations) = (t, iterations);
        }
        // The last line before the result is the run's end: all N, as the result's worker threads add up to.
        Assert.Equal(n, lastIterations);
        Assert.Equal(n, result.GetProperty("workerThreads").EnumerateArray().Sum(w => w.GetProperty("iterations").GetInt64()));
        // Its time is the run's, which the run dates by its workers' last line; a line Monitor wrote after that line
        // was sent but before it was read showed Monitor's clock then, a little later, and the last line does not go
        // back from it (on a busy machine Monitor reads late).
        // Both are written rounded (the result to 0.1 ms, the line to 1 ms): within 1 ms of each other.
        double end = Math.Max(result.GetProperty("elapsedMs").GetDouble() / 1000, shownBefore);
        Assert.True(Math.Abs(lastT - end) <= 0.0011, $"last t {lastT} against the run's end {end}");
    }

    private static Dictionary<int, long> PeakWorkerMemory(IEnumerable<JsonElement> snapshots) =>
        snapshots.SelectMany(s => s.GetProperty("processes").EnumerateArray())
            .Where(p => p.GetProperty("role").GetString() == "worker")
            .GroupBy(p => p.GetProperty("pid").GetInt32())
            .ToDictionary(g => g.Key, g => g.Max(p => p.GetProperty("peakWorkingSetBytes").GetInt64()));
}
