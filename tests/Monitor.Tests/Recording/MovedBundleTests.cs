using Monitor.Recording.Bundles;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Recording;

/// <summary>
/// A bundle is written relative to the directory Monitor created and opened at the start, never by its path again.
/// When that directory is renamed and a symbolic link put in its place mid-recording, nothing is written through the
/// link (the manifest used to be), the files stay together in the renamed directory, the bundle is marked incomplete
/// saying why, and Monitor does not print "recorded" as if all were well.
/// </summary>
public sealed class MovedBundleTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [LinuxFact]
    public async Task A_bundle_directory_replaced_by_a_link_mid_recording_is_not_written_through_it()
    {
        string bundle = _dir.Combine("bundle");
        string moved = _dir.Combine("bundle.moved");
        string decoy = Directory.CreateDirectory(_dir.Combine("decoy")).FullName;
        // Long enough to move the directory while it runs: a few seconds of gil on two threads.
        using var monitor = BackgroundMonitor.Start("run", "--mode", "gil", "--workers", "2", "--n", "1e10", "--interval", "200", "--record", bundle, "--json");
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        Directory.Move(bundle, moved);
        File.CreateSymbolicLink(bundle, decoy);
        int code = await monitor.WaitForExitAsync(Bound);

        Assert.True(code == 0, $"exit {code}\n{monitor}");
        Assert.Empty(Directory.GetFileSystemEntries(decoy));
        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(moved, BundleLayout.Manifest)));
        Assert.False(manifest.Complete);
        Assert.Contains("moved or replaced", manifest.Failure);
        Assert.NotEmpty(Directory.GetFiles(moved, "*" + BundleLayout.NettraceExtension));
        Assert.False(File.Exists(Path.Combine(moved, BundleLayout.PartialManifest)));
        Assert.DoesNotContain(monitor.StderrLines, l => l.StartsWith("monitor: recorded ", StringComparison.Ordinal));
        Assert.Contains(monitor.StderrLines, l => l.Contains("incomplete", StringComparison.Ordinal) && l.Contains("moved or replaced", StringComparison.Ordinal));
    }
}
