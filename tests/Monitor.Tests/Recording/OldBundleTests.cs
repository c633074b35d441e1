using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>Bundles written before manifests listed runs (format 1) read as they always did: a real recording with
/// its manifest turned back into format 1 gives the same analysis and the same replay.</summary>
public sealed class OldBundleTests(SmallRecordingFixture recording) : IClassFixture<SmallRecordingFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string FormatOneCopy()
    {
        string copy = recording.CopyBundle(_dir.Combine("format-1"));
        string path = Path.Combine(copy, BundleLayout.Manifest);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(manifest.Remove("runs"));
        manifest["formatVersion"] = 1;
        File.WriteAllText(path, manifest.ToJsonString());
        return copy;
    }

    [Fact]
    public async Task Analyze_reads_a_format_1_bundle_as_it_reads_the_same_bundle_with_runs()
    {
        var (newAnalyze, newReport) = await RecordedRun.AnalyzeAsync(recording.Bundle);
        var (oldAnalyze, oldReport) = await RecordedRun.AnalyzeAsync(FormatOneCopy());
        Assert.True(oldAnalyze.ExitCode == 0, oldAnalyze.ToString());
        Assert.True(newAnalyze.ExitCode == 0, newAnalyze.ToString());

        foreach (var field in new[] { "complete", "mode", "workers", "n", "sum", "expected", "correct", "contentionCount", "gcCount", "workerThreads" })
        {
            Assert.Equal(newReport!.Value.GetProperty(field).GetRawText(), oldReport!.Value.GetProperty(field).GetRawText());
        }
        // Its one run made from the top-level fields: the same run, only timed by the bundle rather than the run.
        var oldRun = Assert.Single(oldReport!.Value.GetProperty("runs").EnumerateArray());
        var newRun = Assert.Single(newReport!.Value.GetProperty("runs").EnumerateArray());
        foreach (var field in new[] { "mode", "work", "runtime", "workers", "n", "switchMs", "traced", "sum", "expected", "correct", "elapsedMs", "contentionCount", "gcCount", "pids", "workerThreads", "recordedResult" })
        {
            Assert.Equal(newRun.GetProperty(field).GetRawText(), oldRun.GetProperty(field).GetRawText());
        }
        Assert.True(oldRun.GetProperty("correct").GetBoolean());
        Assert.True(oldRun.GetProperty("traced").GetBoolean());
    }

    [Fact]
    public async Task Replay_prints_a_format_1_bundle_as_run_json_printed_it()
    {
        var replay = await MonitorProgram.RunAsync("replay", FormatOneCopy(), "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var printed = recording.Recorded.Run.StdoutLines;
        Assert.Equal(printed.Where(l => l.StartsWith("{\"type\":\"snapshot\"", StringComparison.Ordinal)), replay.StdoutLines[..^1]);
        using var last = JsonDocument.Parse(replay.StdoutLines[^1]);
        Assert.Equal(recording.Recorded.Result.GetRawText(), last.RootElement.GetRawText());
    }
}
