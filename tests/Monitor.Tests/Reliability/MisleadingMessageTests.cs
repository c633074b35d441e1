using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Recording.Bundles;
using Monitor.Tests.Cli;
using Monitor.Tests.Compare;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Recording;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Inputs and environments whose messages used to leak internals or mislead: each now gives one line that says what
/// is wrong, or just works. (Numbers: <see cref="RunBadInputTests"/>; a full disk: <see cref="FullDiskTests"/>;
/// EnableDiagnostics=0: WorkerEnvironmentTests.)
/// </summary>
public sealed class MisleadingMessageTests(SmallRecordingFixture recording, ITestOutputHelper output) : IClassFixture<SmallRecordingFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("1e-9")]
    [InlineData("0.0001")]
    [InlineData("2e6")]
    [InlineData("-1")]
    public Task A_replay_speed_outside_its_range_is_refused(string speed) =>
        BadInput.AssertRefusedAsync(["replay", recording.Bundle, "--json", "--speed", speed], "--speed must be 0 or 0.001..1000000");

    [Fact]
    public async Task A_snapshot_time_that_jumps_a_billion_seconds_is_waited_for_not_an_error()
    {
        string bundle = recording.CopyBundle(_dir.Combine("jump"));
        string snapshots = Path.Combine(bundle, BundleLayout.Snapshots);
        var lines = File.ReadAllLines(snapshots);
        File.AppendAllLines(snapshots, [WithTime(lines[^1], t => t + 1e9)]);
        using var replay = BackgroundMonitor.Start(["replay", bundle, "--json", "--speed", "1"], new Dictionary<string, string?>());
        // Every recorded frame comes at its time; the one a billion seconds later is simply not due yet.
        await replay.WaitForStdoutAsync(_ => replay.StdoutLines.Count(l => l.Contains("\"type\":\"snapshot\"")) >= lines.Length, "the recorded frames", Bound);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(replay.Process.HasExited, replay.ToString());

        replay.Signal(PosixSignals.SIGINT);

        Assert.Equal(130, await replay.WaitForExitAsync(Bound));
        Assert.Empty(replay.StderrLines);
    }

    [Fact]
    public async Task A_snapshot_time_no_recording_can_have_is_skipped_as_unreadable()
    {
        string bundle = recording.CopyBundle(_dir.Combine("absurd"));
        string snapshots = Path.Combine(bundle, BundleLayout.Snapshots);
        var lines = File.ReadAllLines(snapshots);
        File.AppendAllLines(snapshots, [WithTime(lines[^1], _ => 1e300)]);

        var run = await MonitorProgram.RunAsync(["replay", bundle, "--json", "--speed", "1000"], Bound);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(lines.Length, run.StdoutLines.Count(l => l.Contains("\"type\":\"snapshot\"")));
    }

    [LinuxTheory]
    [InlineData("long")]
    [InlineData("missing")]
    public async Task A_long_or_missing_TMPDIR_does_not_stop_a_run(string kind)
    {
        string tmp = kind == "long"
            ? Directory.CreateDirectory(_dir.Combine(new string('t', 90))).FullName
            : _dir.Combine("no-such-dir");
        var run = await MonitorProgram.RunAsync(["run", "--mode", "processes", "--workers", "2", "--n", "1e8", "--json"], Bound,
            new Dictionary<string, string?> { ["TMPDIR"] = tmp });

        output.WriteLine(run.Stderr);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"correct\":true", run.StdoutLines[^1]);
        Assert.Contains(run.StdoutLines, l => l.Contains("\"type\":\"snapshot\"", StringComparison.Ordinal));
        Assert.Empty(Leftovers.PrivateDirectoriesOf(run.Pid));
        if (kind == "long") Assert.Empty(Directory.GetDirectories(tmp));
    }

    [Fact]
    public async Task Run_with_python_but_no_python3_says_so_and_exits_3()
    {
        var run = await MonitorProgram.RunAsync(["run", "--runtime", "python", "--mode", "threads", "--workers", "2", "--n", "1e6", "--json"], Bound,
            PathWithoutPython.Environment());

        Assert.True(run.ExitCode == 3, run.ToString());
        string line = Assert.Single(run.StderrLines);
        Assert.StartsWith("monitor: ", line);
        Assert.Contains("python3", line);
        Assert.DoesNotContain("skipped", line);
        Assert.Equal("", run.Stdout);
        Assert.Empty(Leftovers.ProcessesOf(run.Pid));
    }

    [LinuxFact]
    public async Task Ps_run_by_another_user_lists_only_what_that_user_can_attach_to()
    {
        if (ProcessOwner.Current() != 0 || !File.Exists("/usr/sbin/runuser")) return;
        // This test host is root's .NET process with a diagnostic socket: root's ps lists it, nobody's may not.
        var mine = await MonitorProgram.RunAsync(["ps"], Bound);
        Assert.Contains(mine.StdoutLines, l => l.TrimStart().StartsWith(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal));

        var start = new ProcessStartInfo("/usr/sbin/runuser")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in new[] { "-u", "nobody", "--", MonitorProgram.Path, "ps" }) start.ArgumentList.Add(a);
        using var ps = Process.Start(start)!;
        string stdout = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();

        Assert.Equal(0, ps.ExitCode);
        Assert.DoesNotContain(stdout.Split('\n'), l => l.TrimStart().StartsWith(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("flipped")]
    public async Task Convert_of_a_damaged_trace_names_the_file(string damage)
    {
        string bundle = _dir.Combine("stacks");
        await RecordedRun.RecordAsync(bundle, "--mode", "threads", "--workers", "2", "--n", "1e9", "--stacks");
        var bytes = File.ReadAllBytes(Directory.GetFiles(bundle, "*.nettrace").Single());
        if (damage == "cut") bytes = bytes[..(bytes.Length / 2)];
        else for (int i = 3000; i < bytes.Length; i += 997) bytes[i] ^= 0xff;
        string trace = _dir.Combine($"{damage}.nettrace");
        File.WriteAllBytes(trace, bytes);

        var run = await MonitorProgram.RunAsync(["convert", trace, "-o", _dir.Combine($"{damage}.json")], Bound);

        Assert.True(run.ExitCode == 2, run.ToString());
        string line = Assert.Single(run.StderrLines);
        Assert.Contains($"{damage}.nettrace", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(_dir.Combine($"{damage}.json")));
    }

    [Fact]
    public async Task Convert_of_several_processes_keeps_the_extension_of_the_output()
    {
        string bundle = _dir.Combine("two");
        await RecordedRun.RecordAsync(bundle, "--mode", "processes", "--workers", "2", "--n", "2e9", "--stacks");
        string outputs = Directory.CreateDirectory(_dir.Combine("out")).FullName;

        var run = await MonitorProgram.RunAsync(["convert", bundle, "-o", Path.Combine(outputs, "x.json")], Bound);

        Assert.True(run.ExitCode == 0, run.ToString());
        var written = Directory.GetFiles(outputs).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(2, written.Length);
        Assert.All(written, f => Assert.Matches(@"^x-\d+\.json$", f));
    }

    [Theory]
    [InlineData("x.json", "x-42.json")]
    [InlineData("out/b.speedscope.json", "out/b-42.speedscope.json")]
    [InlineData("flame", "flame-42")]
    [InlineData("a.b/flame", "a.b/flame-42")]
    public void A_pid_goes_before_the_extension(string file, string expected) =>
        Assert.Equal(expected, Monitor.Cli.Commands.ConvertCommand.WithPid(file, 42, Monitor.Recording.Conversion.FlameGraphFormat.Speedscope));

    private static string WithTime(string snapshotLine, Func<double, double> time)
    {
        var node = JsonNode.Parse(snapshotLine)!.AsObject();
        node["t"] = time(node["t"]!.GetValue<double>());
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
