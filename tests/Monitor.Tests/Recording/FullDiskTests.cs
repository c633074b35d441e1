using System.Diagnostics;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>A recording that runs out of disk stops with one clear line, the run goes on to its result, and the
/// bundle says it is incomplete. Needs a tiny tmpfs (root); skipped where mounting is not permitted.</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted) Run("umount", _dir.Path);
        _dir.Dispose();
    }

    [Fact]
    public async Task A_full_disk_stops_the_recording_not_the_run()
    {
        if (!OperatingSystem.IsLinux() || Run("mount", "-t", "tmpfs", "-o", "size=64k", "monitor-full-disk-test", _dir.Path) != 0)
        {
            return; // xunit 2 has no dynamic skip: nothing to test without a small file system.
        }
        _mounted = true;
        string bundle = _dir.Combine("bundle");

        var run = await MonitorProgram.RunAsync(["run", "--mode", "gil", "--workers", "2", "--n", "4e9", "--interval", "100", "--record", bundle, "--json"], TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"type\":\"result\"", run.StdoutLines[^1]);
        Assert.Empty(run.LeftoverWorkers);
        var stopped = run.StderrLines.Where(l => l.Contains("recording stopped", StringComparison.Ordinal)).ToArray();
        Assert.Single(stopped);
        Assert.Contains("incomplete", stopped[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        // Either the final manifest made it (saying incomplete) or the bundle has none: both read as incomplete.
        string manifest = Path.Combine(bundle, BundleLayout.Manifest);
        if (File.Exists(manifest)) Assert.False(ManifestJson.Deserialize(File.ReadAllBytes(manifest)).Complete);
        var (analyze, _) = await RecordedRun.AnalyzeAsync(bundle);
        Assert.Equal(2, analyze.ExitCode);
    }

    /// <summary>A disk already full when the recording starts: the run is not "bad usage" (exit 2, as it was) but a
    /// failure (exit 1) with one line, and the bundle's directory and files it had begun are removed again (it used to
    /// leave two empty files).</summary>
    [Fact]
    public async Task A_recording_that_cannot_start_on_a_full_disk_fails_and_leaves_nothing()
    {
        if (!MountFull()) return;
        string bundle = _dir.Combine("bundle");

        var run = await MonitorProgram.RunAsync(["run", "--mode", "threads", "--workers", "2", "--n", "1e8", "--record", bundle, "--json"], TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == 1, run.ToString());
        string line = Assert.Single(run.StderrLines);
        Assert.StartsWith("monitor: ", line);
        Assert.Contains("No space left", line);
        Assert.Contains(bundle, line);
        Assert.DoesNotContain("see monitor --help", line);
        Assert.Equal([_dir.Combine("fill")], Directory.GetFileSystemEntries(_dir.Path));
        Assert.Empty(Monitor.Tests.Reliability.Leftovers.ProcessesOf(run.Pid));
    }

    /// <summary>convert onto a full disk: exit 1, one line naming the output, and no 0-byte or partial output left.</summary>
    [Fact]
    public async Task Convert_onto_a_full_disk_fails_and_leaves_no_output()
    {
        using var elsewhere = new TempDirectory();
        string bundle = elsewhere.Combine("stacks");
        await RecordedRun.RecordAsync(bundle, "--mode", "threads", "--workers", "2", "--n", "1e9", "--stacks");
        if (!MountFull()) return;
        string target = _dir.Combine("flame.json");

        var run = await MonitorProgram.RunAsync(["convert", bundle, "-o", target], TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == 1, run.ToString());
        string line = Assert.Single(run.StderrLines);
        Assert.Contains("No space left", line);
        Assert.Contains(target, line);
        Assert.Equal([_dir.Combine("fill")], Directory.GetFileSystemEntries(_dir.Path));
    }

    /// <summary>A tiny tmpfs on the test's directory, filled to the last byte; false where mounting is not permitted.</summary>
    private bool MountFull()
    {
        if (!OperatingSystem.IsLinux() || Run("mount", "-t", "tmpfs", "-o", "size=64k", "monitor-full-disk-test", _dir.Path) != 0) return false;
        _mounted = true;
        try
        {
            using var fill = new FileStream(_dir.Combine("fill"), FileMode.CreateNew);
            var block = new byte[4096];
            while (true) fill.Write(block);
        }
        catch (IOException)
        {
            // Full.
        }
        return true;
    }

    private static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            p.WaitForExit(10_000);
            return p.HasExited ? p.ExitCode : -1;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
