using System.Text.Json;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>Flame graphs from a --stacks recording, offline: files the viewers accept, and a clear refusal without
/// samples.</summary>
public sealed class ConvertTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_stacks_recording_converts_to_speedscope_and_chromium_json()
    {
        string bundle = _dir.Combine("stacks");
        await RecordedRun.RecordAsync(bundle, "--mode", "threads", "--workers", "2", "--n", "1e9", "--stacks");

        string speedscope = _dir.Combine("out.speedscope.json");
        var first = await MonitorProgram.RunAsync("convert", bundle, "--format", "speedscope", "-o", speedscope);
        Assert.True(first.ExitCode == 0, first.ToString());
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(speedscope)))
        {
            var root = doc.RootElement;
            Assert.Equal("https://www.speedscope.app/file-format-schema.json", root.GetProperty("$schema").GetString());
            var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
            Assert.Contains(frames, f => f!.Contains("SumWorker", StringComparison.Ordinal));
            var profile = root.GetProperty("profiles")[0];
            Assert.True(profile.GetProperty("events").GetArrayLength() > 0 || profile.TryGetProperty("samples", out _));
        }

        string chromium = _dir.Combine("out.chromium.json");
        var second = await MonitorProgram.RunAsync("convert", bundle, "--format", "chromium", "-o", chromium);
        Assert.True(second.ExitCode == 0, second.ToString());
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(chromium)))
        {
            var events = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("traceEvents");
            Assert.True(events.GetArrayLength() > 0);
            Assert.All(events.EnumerateArray().Take(50), e => Assert.True(e.TryGetProperty("ph", out _) && e.TryGetProperty("name", out _)));
        }

        // Never over an existing file.
        var again = await MonitorProgram.RunAsync("convert", bundle, "-o", speedscope);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", Assert.Single(again.StderrLines));
    }

    [Fact]
    public async Task A_recording_without_stacks_is_refused_with_how_to_make_one()
    {
        string bundle = _dir.Combine("plain");
        await RecordedRun.RecordAsync(bundle, "--mode", "single", "--n", "1e8");
        var run = await MonitorProgram.RunAsync("convert", bundle, "--format", "chromium", "-o", _dir.Combine("x.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stacks", Assert.Single(run.StderrLines));
        Assert.False(File.Exists(_dir.Combine("x.json")));
    }
}
