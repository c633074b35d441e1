using System.Diagnostics;
using System.Text;
using Monitor.Model;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Recording;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// analyze, replay and convert read only regular files: a FIFO (which used to block them forever), a device (which
/// never ends), a symbolic link inside a bundle, a file too large to be Monitor's, each give one line and exit 2 at
/// once. What they read into memory is capped, checked under a heap limit the test sets on the program
/// (DOTNET_GCHeapHardLimit): a 1 GB sparse line file or manifest used to take gigabytes.
/// </summary>
public sealed class SpecialFileInputTests(SmallRecordingFixture recording, ITestOutputHelper output) : IClassFixture<SmallRecordingFixture>, IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>Generous: the answer is immediate, the bound only tells a refusal from a reader that blocked.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);

    /// <summary>Far below what reading the files whole took (4-8 GB), far above what Monitor needs (~30 MB of heap).</summary>
    private static readonly Dictionary<string, string?> HeapLimit = new() { ["DOTNET_GCHeapHardLimit"] = "0xC000000" }; // 192 MiB

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> FifoPlaces => new()
    {
        { BundleLayout.Manifest, "analyze" },
        { BundleLayout.Manifest, "replay" },
        { BundleLayout.Manifest, "convert" },
        { BundleLayout.Snapshots, "replay" },
        { BundleLayout.OsSamples, "analyze" },
        { "worker-1.nettrace", "analyze" },
        { "worker-1.nettrace", "convert" },
    };

    [LinuxTheory]
    [MemberData(nameof(FifoPlaces))]
    public async Task A_FIFO_in_a_bundle_is_refused_at_once_with_one_line(string name, string command)
    {
        string bundle = recording.CopyBundle(_dir.Combine($"fifo-{command}-{name}"));
        File.Delete(Path.Combine(bundle, name));
        if (!SpecialFiles.MakeFifo(Path.Combine(bundle, name))) return;

        var run = await Timed([command, bundle, .. command == "replay" ? new[] { "--json" } : []]);

        // A trace analyze cannot read is one of the bundle's problems: the rest is still reported on stdout.
        AssertRefused(run, "FIFO", quiet: !(command == "analyze" && name.EndsWith(".nettrace", StringComparison.Ordinal)));
        Assert.Contains(name, run.StderrLines[0]);
    }

    [LinuxFact]
    public async Task A_FIFO_or_a_device_given_as_the_trace_is_refused_at_once()
    {
        string fifo = _dir.Combine("pipe.nettrace");
        if (!SpecialFiles.MakeFifo(fifo)) return;
        AssertRefused(await Timed(["analyze", fifo]), "FIFO");
        AssertRefused(await Timed(["convert", fifo, "-o", _dir.Combine("x.json")]), "FIFO");
        AssertRefused(await Timed(["analyze", "/dev/zero"]), "character device");
        Assert.False(File.Exists(_dir.Combine("x.json")));
    }

    [LinuxFact]
    public async Task A_device_or_a_link_to_one_in_a_bundle_is_refused_under_a_heap_limit()
    {
        string linked = recording.CopyBundle(_dir.Combine("linked"));
        File.Delete(Path.Combine(linked, BundleLayout.Manifest));
        File.CreateSymbolicLink(Path.Combine(linked, BundleLayout.Manifest), "/dev/zero");
        AssertRefused(await Timed(["analyze", linked], HeapLimit), "symbolic link");

        string device = recording.CopyBundle(_dir.Combine("device"));
        File.Delete(Path.Combine(device, BundleLayout.Snapshots));
        if (!SpecialFiles.MakeZeroDevice(Path.Combine(device, BundleLayout.Snapshots))) return; // not root: no mknod
        AssertRefused(await Timed(["replay", device, "--json"], HeapLimit), "character device");
    }

    [Fact]
    public async Task Files_inside_a_bundle_are_never_followed_through_a_link()
    {
        // A link to a perfectly good manifest elsewhere: a bundle's files are its own, or nothing.
        string elsewhere = recording.CopyBundle(_dir.Combine("elsewhere"));
        string bundle = recording.CopyBundle(_dir.Combine("with-link"));
        File.Delete(Path.Combine(bundle, BundleLayout.Manifest));
        File.CreateSymbolicLink(Path.Combine(bundle, BundleLayout.Manifest), Path.Combine(elsewhere, BundleLayout.Manifest));
        AssertRefused(await Timed(["analyze", bundle]), "symbolic link");

        // A linked trace is reported as a problem of the bundle, not read.
        string traceLink = recording.CopyBundle(_dir.Combine("trace-link"));
        string trace = Directory.GetFiles(traceLink, "*.nettrace").Single();
        File.Delete(trace);
        File.CreateSymbolicLink(trace, recording.Nettrace);
        var run = await Timed(["analyze", traceLink]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("symbolic link", Assert.Single(run.StderrLines));
    }

    [Theory]
    [InlineData(BundleLayout.OsSamples, "analyze")]
    [InlineData(BundleLayout.Snapshots, "replay")]
    public async Task A_1_GB_sparse_line_file_gives_one_line_under_a_heap_limit(string name, string command)
    {
        string bundle = recording.CopyBundle(_dir.Combine($"sparse-{name}"));
        File.Delete(Path.Combine(bundle, name));
        SpecialFiles.MakeSparse(Path.Combine(bundle, name), 1L << 30);

        var run = await Timed([command, bundle, .. command == "replay" ? new[] { "--json" } : []], HeapLimit);

        AssertRefused(run, "longer than 1 MiB");
    }

    [Fact]
    public async Task A_1_GB_sparse_manifest_is_refused_without_reading_it()
    {
        string bundle = recording.CopyBundle(_dir.Combine("sparse-manifest"));
        File.Delete(Path.Combine(bundle, BundleLayout.Manifest));
        SpecialFiles.MakeSparse(Path.Combine(bundle, BundleLayout.Manifest), 1L << 30);

        AssertRefused(await Timed(["analyze", bundle], HeapLimit), "larger than 16 MiB");
    }

    [Fact]
    public async Task A_manifest_listing_60000_missing_traces_gives_a_bounded_line()
    {
        string bundle = recording.CopyBundle(_dir.Combine("huge-manifest"));
        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        var missing = Enumerable.Range(1, 60_000).Select(i => new RecordedProcess(i, "worker", DateTimeOffset.Now, null, $"worker-{i}.nettrace", 1, true)).ToArray();
        File.WriteAllBytes(Path.Combine(bundle, BundleLayout.Manifest), ManifestJson.Serialize(manifest with { Processes = missing }));

        var run = await Timed(["analyze", bundle, "--json"], HeapLimit);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        output.WriteLine($"{line.Length} characters: {line}");
        Assert.True(line.Length <= 600, $"the line has {line.Length:N0} characters");
        Assert.Contains("more", line);
    }

    [Fact]
    public async Task An_overlong_file_name_in_a_manifest_gives_a_bounded_line()
    {
        string bundle = recording.CopyBundle(_dir.Combine("long-name"));
        var manifest = ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)));
        string name = "../" + new string('x', 1_000_000) + ".nettrace";
        File.WriteAllBytes(Path.Combine(bundle, BundleLayout.Manifest),
            ManifestJson.Serialize(manifest with { Processes = [new RecordedProcess(1, "worker", DateTimeOffset.Now, null, name, 1, true)] }));

        var run = await Timed(["analyze", bundle]);

        string line = Assert.Single(run.StderrLines);
        Assert.Equal(2, run.ExitCode);
        Assert.True(line.Length <= 600, $"the line has {line.Length:N0} characters");
        Assert.Contains("outside the bundle", line);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("replay")]
    [InlineData("convert")]
    public Task An_empty_path_says_so(string command) => BadInput.AssertRefusedAsync([command, ""], "empty");

    private async Task<ProgramRun> Timed(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var clock = Stopwatch.StartNew();
        var run = await MonitorProgram.RunAsync(args, HangGuard, environment);
        output.WriteLine($"monitor {string.Join(' ', args.Select(a => a.Length > 60 ? "..." + a[^40..] : a))}: exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:0.00} s: {run.Stderr.Trim()}");
        Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        return run;
    }

    private static void AssertRefused(ProgramRun run, string mentions, bool quiet = true)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        string line = Assert.Single(run.StderrLines);
        Assert.StartsWith("monitor: ", line);
        Assert.Contains(mentions, line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", line);
        if (quiet) Assert.Equal("", run.Stdout);
    }
}
