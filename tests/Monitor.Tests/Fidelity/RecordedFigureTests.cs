using System.Text.Json;
using Microsoft.Diagnostics.Tracing;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Recording;
using Monitor.Tests.Reliability;
using Xunit.Abstractions;

namespace Monitor.Tests.Fidelity;

/// <summary>A recorded run: its live output, and what analyze and replay made of its bundle.</summary>
public sealed record RecordedFigures(string Name, string Bundle, WatchedMonitorRun Live, JsonElement Analysis, IReadOnlyList<string> ReplayLines);

/// <summary>Two gil ×2 runs recorded: a normal one of several 500 ms intervals, and one shorter than its single interval
/// (about 0.3 s of a 5 s interval; 5 s so that a loaded machine does not stretch it past one: at a load average of
/// 77 on 2 cores, 2 s was not enough).</summary>
public sealed class RecordedRunsFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public static readonly (string Name, string[] Args)[] Runs =
    [
        ("normal", ["--mode", "gil", "--workers", "2", "--n", "3e9", "--interval", "500"]),
        ("short", ["--mode", "gil", "--workers", "2", "--n", "5e8", "--interval", "5000"]),
    ];

    public List<RecordedFigures> Recorded { get; } = new();

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux()) return;
        foreach (var (name, args) in Runs)
        {
            string bundle = _dir.Combine(name);
            var live = await WatchedMonitorRun.CompleteAsync(["run", .. args, "--json", "--record", bundle]);
            Assert.Empty(Leftovers.ProcessesOf(live.Pid));
            var analyze = await MonitorProgram.RunAsync(["analyze", bundle, "--json"]);
            Assert.True(analyze.ExitCode == 0, analyze.ToString());
            using var analysis = JsonDocument.Parse(analyze.StdoutLines[0]);
            var replay = await MonitorProgram.RunAsync(["replay", bundle, "--json"]);
            Assert.True(replay.ExitCode == 0, replay.ToString());
            Recorded.Add(new RecordedFigures(name, bundle, live, analysis.RootElement.Clone(), replay.StdoutLines));
        }
    }

    public Task DisposeAsync()
    {
        foreach (var r in Recorded) r.Live.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// One run's cumulative figures (CPU time, contentions and their wait, GCs) are the same in every view of it: the
/// result line, the final snapshot, `monitor analyze` of its bundle (overall and per run), and `monitor replay`'s
/// lines; also for a run shorter than one interval. Its contention count and wait match the runtime's own events
/// in the bundle's .nettrace, read by the test with TraceEvent.
/// </summary>
public sealed class RecordedFigureTests(RecordedRunsFixture fixture, ITestOutputHelper output) : IClassFixture<RecordedRunsFixture>
{
    [LinuxFact]
    public void Result_final_snapshot_analyze_and_replay_agree_for_a_normal_and_a_short_run()
    {
        var report = new FigureReport();
        foreach (var r in fixture.Recorded)
        {
            var result = r.Live.Result!;
            var final = r.Live.Snapshots[^1];
            var fromResult = Cumulative.Of(result);
            output.WriteLine($"{r.Name}: {r.Live.Snapshots.Count} snapshot(s); result {fromResult}");
            FigureChecks.CompareCumulative(Cumulative.Of(final.Totals), fromResult, $"{r.Name}: final snapshot", "result", report);
            FigureChecks.CompareCumulative(Cumulative.Of(r.Analysis), fromResult, $"{r.Name}: analyze", "result", report);
            var runs = r.Analysis.GetProperty("runs");
            report.Check(runs.GetArrayLength() == 1, $"{r.Name}: analyze has {runs.GetArrayLength()} runs");
            foreach (var run in runs.EnumerateArray())
            {
                FigureChecks.CompareCumulative(Cumulative.Of(run), fromResult, $"{r.Name}: analyze runs[]", "result", report);
            }

            var replaySnapshots = r.ReplayLines.Where(JsonLines.IsSnapshot).Select(JsonLines.Snapshot).ToList();
            var replayResult = r.ReplayLines.Where(JsonLines.IsResult).Select(JsonLines.Result).SingleOrDefault();
            report.Check(replaySnapshots.Count == r.Live.Snapshots.Count,
                $"{r.Name}: replay printed {replaySnapshots.Count} snapshots, the run {r.Live.Snapshots.Count}");
            report.Check(replayResult is not null, $"{r.Name}: replay printed no result line");
            if (replaySnapshots.Count > 0) FigureChecks.CompareCumulative(Cumulative.Of(replaySnapshots[^1].Totals), fromResult, $"{r.Name}: replay's final snapshot", "result", report);
            if (replayResult is not null) FigureChecks.CompareCumulative(Cumulative.Of(replayResult), fromResult, $"{r.Name}: replay's result", "result", report);
            report.Check(r.ReplayLines.SequenceEqual(r.Live.Lines),
                $"{r.Name}: replay's lines differ from the live ones");

            // The run's own invariants, whatever its length.
            report.Merge(FigureChecks.Check(r.Live, singleLock: true));
        }
        var shortRun = fixture.Recorded.Single(r => r.Name == "short");
        output.WriteLine(report.ToString());
        Assert.True(shortRun.Live.Snapshots.Count == 1, $"the short run was meant to fit in one interval; it gave {shortRun.Live.Snapshots.Count} snapshots");
        report.AssertNone("cumulative figures of one run in its result, final snapshot, analyze and replay");
    }

    [LinuxFact]
    public void Contention_count_and_wait_match_the_runtime_events_in_the_nettrace()
    {
        foreach (var r in fixture.Recorded)
        {
            var result = r.Live.Result!;
            int pid = result.WorkerThreads.Select(t => t.Pid).Distinct().Single();
            string trace = Path.Combine(r.Bundle, $"worker-{pid}.nettrace");
            Assert.True(File.Exists(trace), $"no {trace} among {string.Join(", ", Directory.GetFiles(r.Bundle).Select(Path.GetFileName))}");

            long starts = 0, stops = 0;
            double waitNs = 0;
            using (var source = new EventPipeEventSource(trace))
            {
                source.Clr.ContentionStart += e =>
                {
                    if (e.ProcessID == pid) starts++;
                };
                source.Clr.ContentionStop += e =>
                {
                    if (e.ProcessID != pid) return;
                    stops++;
                    waitNs += e.DurationNs;
                };
                source.Process();
            }
            double waitMs = waitNs / 1e6;
            output.WriteLine($"{r.Name}: trace {starts} starts, {stops} stops, {waitMs:0.###} ms waited; result {result.ContentionCount} contentions, {result.ContentionWaitMs} ms");

            // The short run may end before its two threads ever meet at the lock; the normal one cannot.
            if (r.Name == "normal") Assert.True(starts > 0, $"{r.Name}: a gil run without contention in its trace");
            Assert.Equal(starts, stops);
            Assert.NotNull(result.ContentionCount);
            Assert.NotNull(result.ContentionWaitMs);
            Assert.True(Math.Abs(result.ContentionCount!.Value - starts) <= Tolerances.CumulativeShare * starts,
                $"{r.Name}: result contentionCount {result.ContentionCount} against {starts} ContentionStart events");
            Assert.True(Math.Abs(result.ContentionWaitMs!.Value - waitMs) <= Tolerances.CumulativeShare * waitMs + Tolerances.CumulativeRoundingMs,
                $"{r.Name}: result contentionWaitMs {result.ContentionWaitMs} against {waitMs:0.###} ms of ContentionStop DurationNs");
        }
    }
}
