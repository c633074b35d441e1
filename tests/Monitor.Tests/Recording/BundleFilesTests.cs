using System.Text.Json;
using Monitor.Model;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>What a finished bundle holds, who may read it, and where it refuses to be written.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BundleFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_finished_bundle_is_owner_only_complete_and_holds_every_file()
    {
        string bundle = _dir.Combine("bundle");
        var recorded = await RecordedRun.RecordAsync(bundle, "--mode", "threads", "--workers", "2", "--n", "1e9", "--interval", "200");

        Assert.Equal(OwnerOnlyFiles.DirectoryMode, File.GetUnixFileMode(bundle));
        var files = Directory.GetFiles(bundle).Select(Path.GetFileName).Order().ToArray();
        int pid = recorded.Result.GetProperty("workerThreads")[0].GetProperty("pid").GetInt32();
        Assert.Equal(new[] { BundleLayout.Manifest, BundleLayout.OsSamples, BundleLayout.Snapshots, $"worker-{pid}.nettrace" }.Order().ToArray(), files);
        foreach (var file in Directory.GetFiles(bundle)) Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(file));

        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.True(manifest.Complete);
        Assert.Null(manifest.Failure);
        Assert.Equal("threads", manifest.Mode);
        Assert.Equal(1_000_000_000, manifest.N);
        Assert.Equal(Environment.ProcessorCount, manifest.Machine!.LogicalCpus);
        Assert.NotNull(manifest.Machine.SingleThreadRate);
        var process = Assert.Single(manifest.Processes);
        Assert.Equal(pid, process.Pid);
        Assert.True(process.Complete);
        Assert.Equal(new FileInfo(Path.Combine(bundle, process.File)).Length, process.Bytes);
        Assert.True(process.Bytes > 0);
        Assert.NotNull(process.EndedAt);
        // The manifest is written last: every other file was closed before it.
        var manifestTime = File.GetLastWriteTimeUtc(Path.Combine(bundle, BundleLayout.Manifest));
        Assert.All(Directory.GetFiles(bundle), f => Assert.True(File.GetLastWriteTimeUtc(f) <= manifestTime, f));
        Assert.Equal(new FileInfo(Path.Combine(bundle, BundleLayout.Snapshots)).Length, manifest.SnapshotsBytes);
        Assert.Equal(recorded.Result.GetProperty("contentionCount").GetInt64(), manifest.Result!.Value.GetProperty("contentionCount").GetInt64());
        // Its one run, listed as a UI recording lists each of its runs: the same result line.
        var run = Assert.Single(manifest.Runs!);
        Assert.Equal(("threads", 2, 1_000_000_000L, true), (run.Mode, run.Workers!.Value, run.N!.Value, run.Correct!.Value));
        Assert.Equal([pid], run.Pids);
        Assert.True(manifest.StartedAt <= run.StartedAt && run.StartedAt < run.EndedAt && run.EndedAt <= manifest.EndedAt);
        Assert.Equal(JsonSerializer.Serialize(manifest.Result.Value), JsonSerializer.Serialize(run.Result!.Value));

        // snapshots.jsonl holds exactly the snapshot lines the run printed.
        var printed = recorded.Run.StdoutLines.Where(l => l.StartsWith("{\"type\":\"snapshot\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(printed, File.ReadAllLines(Path.Combine(bundle, BundleLayout.Snapshots)));
        Assert.NotEmpty(File.ReadAllLines(Path.Combine(bundle, BundleLayout.OsSamples)));
    }

    [Fact]
    public async Task Trace_dir_makes_a_new_bundle_named_after_mode_and_time()
    {
        var run = await MonitorProgram.RunAsync("run", "--mode", "single", "--n", "1e8", "--trace-dir", _dir.Path, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        string bundle = Assert.Single(Directory.GetDirectories(_dir.Path));
        Assert.Matches(@"^monitor-single-\d{8}-\d{6}$", Path.GetFileName(bundle));
        Assert.True(File.Exists(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.Contains(run.StderrLines, l => l.Contains(bundle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symlink_planted_at_the_bundle_path_is_refused()
    {
        string target = _dir.Combine("elsewhere");
        Directory.CreateDirectory(target);
        string bundle = _dir.Combine("bundle");
        File.CreateSymbolicLink(bundle, target);

        var run = await MonitorProgram.RunAsync("run", "--mode", "single", "--n", "1e8", "--record", bundle, "--json");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("symbolic link", line);
        Assert.Empty(Directory.GetFileSystemEntries(target));
        Assert.Empty(run.LeftoverWorkers);
    }

    [Fact]
    public async Task A_dangling_symlink_or_an_existing_directory_is_refused_too()
    {
        string dangling = _dir.Combine("dangling");
        File.CreateSymbolicLink(dangling, _dir.Combine("nowhere"));
        var first = await MonitorProgram.RunAsync("run", "--mode", "single", "--n", "1e8", "--record", dangling);
        Assert.Equal(2, first.ExitCode);
        Assert.Single(first.StderrLines);
        Assert.False(Directory.Exists(_dir.Combine("nowhere")));

        string existing = _dir.Combine("existing");
        Directory.CreateDirectory(existing);
        var second = await MonitorProgram.RunAsync("run", "--mode", "single", "--n", "1e8", "--record", existing);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("already exists", Assert.Single(second.StderrLines));
    }

    [Fact]
    public void The_partial_manifest_marks_a_bundle_while_it_is_recorded_and_goes_once_it_is_finished()
    {
        string bundle = _dir.Combine("bundle");
        var recorder = global::Monitor.Recording.TraceRecorder.Start(bundle, new BundleManifest { Mode = "threads" });
        Assert.True(File.Exists(Path.Combine(bundle, BundleLayout.PartialManifest)));
        Assert.False(File.Exists(Path.Combine(bundle, BundleLayout.Manifest)));
        using (var stream = recorder.StreamFor(1234)!) stream.Write("Nettrace"u8);
        Assert.Equal(8, recorder.BytesWritten);

        var manifest = recorder.Stop();

        Assert.True(manifest.Complete);
        Assert.False(File.Exists(Path.Combine(bundle, BundleLayout.PartialManifest)));
        var written = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        Assert.True(written.Complete);
        Assert.Equal(8, Assert.Single(written.Processes).Bytes);
        Assert.Null(recorder.StreamFor(99));
    }
}
