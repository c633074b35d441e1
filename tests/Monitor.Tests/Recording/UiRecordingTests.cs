using System.Text.Json;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;
using Monitor.Tests.EndToEnd;

namespace Monitor.Tests.Recording;

/// <summary>
/// A real UI recording of two runs (`monitor tui --record`, a single run, then key 2 for threads, then q): the manifest
/// lists both with their own settings and results, analyze reports each from its own trace, replay gives each result.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class UiRecordingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_ui_bundle_of_two_runs_lists_and_analyzes_each_run()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the UI recording test");
        string bundle = _dir.Combine("ui");
        using (var tmux = new TmuxSession($"{MonitorProgram.Path} tui --record {bundle} --mode single --n 2e8 --no-mouse", 120, 35))
        {
            tmux.WaitFor("single finished", TimeSpan.FromSeconds(60));
            tmux.SendKeys("2");
            tmux.WaitFor("threads finished", TimeSpan.FromSeconds(60));
            tmux.SendKeys("q");
            Assert.Equal(0, tmux.WaitForExit());
        }

        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.True(manifest.Complete);
        // The top-level settings are still those at the start, for readers that know no runs.
        Assert.Equal(("single", 1), (manifest.Mode, manifest.Workers!.Value));
        var runs = manifest.Runs!;
        Assert.Equal(["single", "threads"], runs.Select(r => r.Mode));
        Assert.Equal([1, 2], runs.Select(r => r.Workers!.Value));
        Assert.All(runs, r =>
        {
            Assert.Equal((200_000_000L, "dotnet", "cpu", true), (r.N!.Value, r.Runtime, r.Work, r.Correct!.Value));
            Assert.Null(r.Failure);
            Assert.True(manifest.StartedAt <= r.StartedAt && r.StartedAt < r.EndedAt && r.EndedAt <= manifest.EndedAt);
            Assert.Equal("result", r.Result!.Value.GetProperty("type").GetString());
        });
        Assert.True(runs[0].EndedAt <= runs[1].StartedAt);
        // Each run's worker process left its own trace.
        Assert.Equal(runs.Select(r => $"worker-{r.Pids.Single()}.nettrace"), manifest.Processes.Select(p => p.File));

        var (analyze, maybeReport) = await RecordedRun.AnalyzeAsync(bundle);
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        var report = maybeReport!.Value;
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.True(report.GetProperty("correct").GetBoolean());
        // Two runs' partial sums add up to no one N: the bundle-wide sum is not checked, each run's is.
        Assert.False(report.TryGetProperty("sum", out _));
        var analyzed = report.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(2, analyzed.Length);
        string expected = (200_000_000L * (200_000_000L - 1) / 2).ToString();
        for (int i = 0; i < 2; i++)
        {
            var run = analyzed[i];
            var live = runs[i].Result!.Value;
            Assert.Equal(i + 1, run.GetProperty("run").GetInt32());
            Assert.Equal(runs[i].Mode, run.GetProperty("mode").GetString());
            Assert.True(run.GetProperty("traced").GetBoolean());
            Assert.True(run.GetProperty("correct").GetBoolean());
            Assert.Equal(expected, run.GetProperty("sum").GetString());
            Assert.Equal(expected, run.GetProperty("expected").GetString());
            // From the run's own trace, the live figures of that run and no other's.
            Assert.Equal(live.GetProperty("gcCount").GetInt32(), run.GetProperty("gcCount").GetInt32());
            Assert.Equal(live.GetProperty("contentionCount").GetInt64(), run.GetProperty("contentionCount").GetInt64());
            var workers = run.GetProperty("workerThreads").EnumerateArray().ToArray();
            Assert.Equal(runs[i].Workers, workers.Length);
            Assert.All(workers, w => Assert.Equal(runs[i].Pids.Single(), w.GetProperty("pid").GetInt32()));
            Assert.Equal(200_000_000L, workers.Sum(w => w.GetProperty("iterations").GetInt64()));
        }

        var text = await MonitorProgram.RunAsync("analyze", bundle);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("runs: 2", text.Stdout);
        Assert.Matches(@"\n\s*1\s+single\s+1\s+200,000,000\s+cpu\s+dotnet\s.*\scorrect\s*\n", text.Stdout);
        Assert.Matches(@"\n\s*2\s+threads\s+2\s+200,000,000\s+cpu\s+dotnet\s.*\scorrect\s*\n", text.Stdout);
        Assert.Contains("run 1: mode single, 1 worker(s), N = 200,000,000", text.Stdout);
        Assert.Contains("run 2: mode threads, 2 worker(s), N = 200,000,000", text.Stdout);
        Assert.DoesNotContain("WRONG", text.Stdout);

        // Replay gives each run's result line, where that run ended among the snapshots.
        var replay = await MonitorProgram.RunAsync("replay", bundle, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var results = replay.StdoutLines.Where(l => l.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(runs.Select(r => JsonSerializer.Serialize(r.Result!.Value)), results);
        int first = Array.IndexOf(replay.StdoutLines, results[0]), second = Array.IndexOf(replay.StdoutLines, results[1]);
        Assert.Contains(replay.StdoutLines[(first + 1)..second], l => l.StartsWith("{\"type\":\"snapshot\"", StringComparison.Ordinal));
    }

    /// <summary>The compare key while recording: the comparison's runs (each under an observation of its own) go into
    /// the bundle like any run, and the snapshots of the run before (whose observation goes on) do not alternate with
    /// theirs, on screen or in the file.</summary>
    [Fact]
    public async Task A_comparison_started_while_recording_is_in_the_bundle()
    {
        Assert.True(TmuxSession.Available, "tmux is needed for the UI recording test");
        string bundle = _dir.Combine("compare");
        using (var tmux = new TmuxSession($"{MonitorProgram.Path} tui --record {bundle} --mode threads --n 3e9 --workers 2 --no-mouse", 120, 35))
        {
            tmux.WaitFor("threads finished", TimeSpan.FromSeconds(60));
            tmux.SendKeys("c");
            // Its last row (gil) in the results: every run of it has ended and been recorded.
            tmux.WaitFor(screen => screen.Contains("  5 gil "), "the comparison's last row", TimeSpan.FromSeconds(120));
            tmux.SendKeys("q");
            Assert.Equal(0, tmux.WaitForExit());
        }

        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.True(manifest.Complete);
        var runs = manifest.Runs!;
        Assert.Equal("threads", runs[0].Mode);
        Assert.Equal(["gil", "processes", "single", "threads"], runs.Skip(1).Select(r => r.Mode!).Order());
        Assert.All(runs, r => Assert.True(r.Correct == true, $"{r.Mode}: {r.Failure}"));
        // Every worker process of every run left its trace (processes mode: one per worker).
        Assert.Equal(runs.SelectMany(r => r.Pids).Select(pid => $"worker-{pid}.nettrace").Order(), manifest.Processes.Select(p => p.File).Order());

        // One run at a time in the snapshots, on one time line: the mode changes once per new run (and back to the run
        // before the comparison once it is over), never back and forth; T never goes back.
        var snapshots = File.ReadLines(Path.Combine(bundle, BundleLayout.Snapshots)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var times = snapshots.Select(e => e.GetProperty("t").GetDouble()).ToArray();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), $"T went back: {string.Join(" ", times)}");
        var modes = snapshots
            .Where(e => e.TryGetProperty("workload", out var w) && w.ValueKind == JsonValueKind.Object)
            .Select(e => e.GetProperty("workload").GetProperty("mode").GetString())
            .ToArray();
        int changes = modes.Zip(modes.Skip(1)).Count(p => p.First != p.Second);
        Assert.True(changes <= runs.Count, $"{changes} mode changes over {runs.Count} runs: {string.Join(" ", modes)}");

        var (analyze, report) = await RecordedRun.AnalyzeAsync(bundle);
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        Assert.True(report!.Value.GetProperty("correct").GetBoolean());
        Assert.Equal(runs.Count, report.Value.GetProperty("runs").GetArrayLength());
    }
}
