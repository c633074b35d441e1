using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>Every input analyze cannot fully use: exit 2, one clean line on stderr, never a stack trace; what can be
/// read of a cut trace is still reported, marked incomplete.</summary>
public sealed class AnalyzeBadInputTests(SmallRecordingFixture recording) : IClassFixture<SmallRecordingFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertOneCleanLine(ProgramRun run, string? mentions = null)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("monitor: ", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception:", line.Split(':')[1]);
        if (mentions is not null) Assert.Contains(mentions, line);
    }

    [Theory]
    [InlineData(4)]        // inside the magic
    [InlineData(30)]       // inside the serialization header
    [InlineData(200)]      // after the header, before any event block ends
    public async Task A_trace_cut_before_its_first_event_is_unusable(int keep)
    {
        string cut = _dir.Combine($"cut-{keep}.nettrace");
        File.WriteAllBytes(cut, File.ReadAllBytes(recording.Nettrace)[..keep]);
        var (run, report) = await RecordedRun.AnalyzeAsync(cut);
        AssertOneCleanLine(run);
        Assert.Null(report);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.97)]
    public async Task A_trace_cut_later_reports_what_it_holds_marked_incomplete(double fraction)
    {
        var bytes = File.ReadAllBytes(recording.Nettrace);
        string cut = _dir.Combine($"cut-{fraction}.nettrace");
        File.WriteAllBytes(cut, bytes[..(int)(bytes.Length * fraction)]);
        var (run, report) = await RecordedRun.AnalyzeAsync(cut);
        AssertOneCleanLine(run, "incomplete");
        Assert.False(report!.Value.GetProperty("complete").GetBoolean());
        var process = report.Value.GetProperty("processes")[0];
        Assert.False(process.GetProperty("complete").GetBoolean());
        Assert.True(process.GetProperty("eventCount").GetInt64() > 0);
    }

    [Fact]
    public async Task Random_bytes_empty_and_text_files_are_unusable()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        File.WriteAllBytes(_dir.Combine("random.nettrace"), random);
        File.WriteAllBytes(_dir.Combine("empty.nettrace"), []);
        File.WriteAllText(_dir.Combine("notes.txt"), "this is not a trace\n");
        // Right magic, garbage after it.
        File.WriteAllBytes(_dir.Combine("magic.nettrace"), [.. "Nettrace"u8, .. random]);
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("random.nettrace"))).Run, "not a .nettrace");
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("empty.nettrace"))).Run, "empty");
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("notes.txt"))).Run, "not a .nettrace");
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("magic.nettrace"))).Run);
    }

    [Fact]
    public async Task A_missing_path_and_a_file_given_as_bundle_are_unusable()
    {
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("no-such-bundle"))).Run, "does not exist");
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(Path.Combine(recording.Bundle, BundleLayout.Manifest))).Run, "not a .nettrace");
        // A directory that is no bundle at all.
        Directory.CreateDirectory(_dir.Combine("empty-dir"));
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(_dir.Combine("empty-dir"))).Run, "not a trace bundle");
    }

    [Theory]
    [InlineData("\"workers\": 2,", "\"workers\": \"two\",")]
    [InlineData("\"complete\": true", "\"complete\": \"yes\"")]
    [InlineData("\"processes\": [", "\"processes\": 5, \"x\": [")]
    [InlineData("{", "[")]
    [InlineData("\"runs\": [", "\"runs\": [null, ")]
    [InlineData("\"pids\": [", "\"pids\": null, \"x\": [")]
    [InlineData("\"runs\": [", "\"runs\": 3, \"x\": [")]
    public async Task A_manifest_with_wrong_types_is_unusable(string from, string to)
    {
        string bundle = recording.CopyBundle(_dir.Combine("bundle"));
        string manifest = Path.Combine(bundle, BundleLayout.Manifest);
        string text = File.ReadAllText(manifest);
        Assert.Contains(from, text);
        File.WriteAllText(manifest, ReplaceFirst(text, from, to));
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(bundle)).Run, "manifest");
    }

    [Fact]
    public async Task A_manifest_naming_a_file_outside_the_bundle_is_refused()
    {
        string bundle = recording.CopyBundle(_dir.Combine("bundle"));
        string manifest = Path.Combine(bundle, BundleLayout.Manifest);
        string name = Path.GetFileName(recording.Nettrace);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"{name}\"", "\"../../../etc/passwd.nettrace\"", StringComparison.Ordinal));
        AssertOneCleanLine((await RecordedRun.AnalyzeAsync(bundle)).Run, "outside the bundle");
    }

    [Fact]
    public async Task A_bundle_whose_trace_was_cut_after_recording_is_incomplete()
    {
        string bundle = recording.CopyBundle(_dir.Combine("bundle"));
        string trace = Path.Combine(bundle, Path.GetFileName(recording.Nettrace));
        var bytes = File.ReadAllBytes(trace);
        File.WriteAllBytes(trace, bytes[..(bytes.Length * 2 / 3)]);
        var (run, report) = await RecordedRun.AnalyzeAsync(bundle);
        AssertOneCleanLine(run, "cut after recording");
        Assert.False(report!.Value.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Convert_and_replay_refuse_bad_input_the_same_way()
    {
        File.WriteAllBytes(_dir.Combine("empty.nettrace"), []);
        AssertOneCleanLine(await MonitorProgram.RunAsync("convert", _dir.Combine("empty.nettrace")), "empty");
        AssertOneCleanLine(await MonitorProgram.RunAsync("replay", _dir.Combine("missing")), "does not exist");
        AssertOneCleanLine(await MonitorProgram.RunAsync("replay", _dir.Combine("empty.nettrace")), "is a file");
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }
}
