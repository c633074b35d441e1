using System.Diagnostics;
using System.Text.Json;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Recording;

/// <summary>An attach recording holds what happened while Monitor watched, not what the process did before: its CPU
/// time in analyze is the live view's, counted from the attach, not the process's lifetime.</summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachRecordingTests
{
    [LinuxFact]
    public async Task Analyze_counts_the_cpu_an_attached_process_used_while_watched_as_the_live_view_did()
    {
        using var dir = new TempDirectory();
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        // It computes for a second of CPU before anyone watches (waited for by its CPU time, not the clock: on a
        // loaded machine 1.5 s of wall time gave it as little as 0.5 s of CPU).
        var deadline = Stopwatch.StartNew();
        while (IndependentProcStat.ProcessCpuMs(target.Pid) < 1000 && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        double beforeAttachMs = IndependentProcStat.ProcessCpuMs(target.Pid);
        Assert.True(beforeAttachMs >= 1000, $"the target used only {beforeAttachMs:0} ms of CPU in a minute");
        var clock = Stopwatch.StartNew();
        var attach = await MonitorProgram.RunAsync(["attach", target.Pid.ToString(), "--duration", "2", "--json", "--record", dir.Combine("b")]);
        double watchedMs = clock.Elapsed.TotalMilliseconds;
        double lifetimeMs = IndependentProcStat.ProcessCpuMs(target.Pid);

        Assert.True(attach.ExitCode == 0, attach.ToString());
        using var last = JsonDocument.Parse(attach.StdoutLines.Last(l => l.Contains("\"type\":\"snapshot\"")));
        double live = last.RootElement.GetProperty("totals").GetProperty("cpuMs").GetDouble();
        var analyzed = await MonitorProgram.RunAsync("analyze", dir.Combine("b"), "--json");
        using var report = JsonDocument.Parse(analyzed.Stdout);
        double recorded = report.RootElement.GetProperty("cpuMs").GetDouble();

        // The bundle's last OS sample is the live view's last reading: the same figure, to the JSON's rounding.
        Assert.InRange(recorded, live - 1, live + 1);
        // One busy thread cannot use more CPU than the attach lasted (10 ms: the tick of /proc's counters) ...
        Assert.True(recorded <= watchedMs + 10, $"analyze says {recorded:0} ms of CPU in an attach of {watchedMs:0} ms");
        // ... and the CPU it used before the attach is not in it (10 ms: the tick).
        Assert.True(recorded <= lifetimeMs - beforeAttachMs + 10,
            $"analyze says {recorded:0} ms, the process used {lifetimeMs:0} ms since it started, {beforeAttachMs:0} ms of it before the attach");
    }
}
