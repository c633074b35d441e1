using System.Diagnostics;
using System.Text;
using Monitor.Recording.Bundles;
using Monitor.Recording.Conversion;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Recording;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Ctrl+C or SIGTERM ends analyze, replay and convert at once with exit 130, however long their input would take:
/// they used to ignore the first signal (analyze read on for 20 s, convert finished and exited 0). A convert killed
/// with SIGKILL leaves its scratch directory, which the next convert removes.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ReadingSignalTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>The promise is 1 s; the bound is generous for a loaded machine, the figure is printed.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("analyze", PosixSignals.SIGINT)]
    [InlineData("analyze", PosixSignals.SIGTERM)]
    [InlineData("replay", PosixSignals.SIGINT)]
    [InlineData("replay", PosixSignals.SIGTERM)]
    public async Task A_signal_ends_a_long_read_at_once_with_130(string command, int signal)
    {
        string bundle = await SlowBundleAsync();
        using var monitor = BackgroundMonitor.Start([command, bundle, .. command == "replay" ? new[] { "--json" } : []], new Dictionary<string, string?>());
        // Well into the reading (millions of lines that are not samples: minutes of work).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(monitor.Process.HasExited, $"{command} ended before the signal:\n{monitor}");

        var clock = Stopwatch.StartNew();
        monitor.Signal(signal);
        int code = await monitor.WaitForExitAsync(Bound);

        output.WriteLine($"{command}: exit {code} {clock.Elapsed.TotalSeconds:0.00} s after {PosixSignals.Name(signal)}");
        Assert.True(code == 130, $"exit {code}\n{monitor}");
        Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed.TotalSeconds:0.0} s after the signal");
        Assert.DoesNotContain(monitor.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [LinuxFact]
    public async Task A_signal_ends_a_long_convert_at_once_with_130_and_nothing_half_written()
    {
        string bundle = await ManyTracesBundleAsync();
        string outputs = Directory.CreateDirectory(_dir.Combine("out")).FullName;
        using var monitor = BackgroundMonitor.Start(["convert", bundle, "-o", Path.Combine(outputs, "x.json")], new Dictionary<string, string?>());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(monitor.Process.HasExited, $"convert ended before the signal:\n{monitor}");

        var clock = Stopwatch.StartNew();
        monitor.Signal(PosixSignals.SIGINT);
        int code = await monitor.WaitForExitAsync(Bound);

        output.WriteLine($"convert: exit {code} {clock.Elapsed.TotalSeconds:0.00} s after SIGINT");
        Assert.True(code == 130, $"exit {code}\n{monitor}");
        Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed.TotalSeconds:0.0} s after the signal");
        Assert.Empty(ScratchOf(monitor.Pid));
        // Whatever is there was written whole: only finished flame graphs, no temporary file.
        Assert.All(Directory.GetFiles(outputs), f => Assert.Matches(@"x-\d+\.json$", f));
    }

    [LinuxFact]
    public async Task The_scratch_of_a_convert_killed_with_SIGKILL_is_removed_by_the_next_convert()
    {
        string bundle = await ManyTracesBundleAsync();
        using var monitor = BackgroundMonitor.Start(["convert", bundle, "-o", _dir.Combine("killed.json")], new Dictionary<string, string?>());
        var clock = Stopwatch.StartNew();
        while (ScratchOf(monitor.Pid).Length == 0)
        {
            Assert.True(clock.Elapsed < Bound, $"no scratch directory of convert {monitor.Pid} appeared:\n{monitor}");
            Assert.False(monitor.Process.HasExited, $"convert ended first:\n{monitor}");
            await Task.Delay(20);
        }
        monitor.Signal(PosixSignals.SIGKILL);
        await monitor.WaitForExitAsync(Bound);
        Assert.NotEmpty(ScratchOf(monitor.Pid));

        string single = Directory.GetFiles(bundle, "*.nettrace")[0];
        var next = await MonitorProgram.RunAsync(["convert", single, "-o", _dir.Combine("next.json")], Bound);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Empty(ScratchOf(monitor.Pid));
        Assert.Empty(ScratchOf(next.Pid));
    }

    private static string[] ScratchOf(int pid) => Directory.GetDirectories(Path.GetTempPath(), $"{FlameGraphConverter.ScratchPrefix}{pid}-*");

    /// <summary>A real bundle whose os-samples.jsonl and snapshots.jsonl hold three million lines that are not samples:
    /// each is parsed and counted as unreadable, which takes minutes.</summary>
    private async Task<string> SlowBundleAsync()
    {
        string bundle = _dir.Combine("slow");
        await RecordedRun.RecordAsync(bundle, "--mode", "single", "--n", "1e8", "--interval", "100");
        var junk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("x\n", 1_000_000)));
        foreach (var name in new[] { BundleLayout.OsSamples, BundleLayout.Snapshots })
        {
            using var file = new FileStream(Path.Combine(bundle, name), FileMode.Append);
            for (int i = 0; i < 3; i++) file.Write(junk);
        }
        return bundle;
    }

    /// <summary>A --stacks recording whose trace is copied forty times: reading and converting them all takes long.</summary>
    private async Task<string> ManyTracesBundleAsync()
    {
        string bundle = _dir.Combine("many");
        await RecordedRun.RecordAsync(bundle, "--mode", "threads", "--workers", "2", "--n", "2e9", "--interval", "200", "--stacks");
        string trace = Directory.GetFiles(bundle, "*.nettrace").Single();
        for (int i = 1; i <= 40; i++) File.Copy(trace, Path.Combine(bundle, $"worker-{900_000 + i}.nettrace"));
        return bundle;
    }
}
