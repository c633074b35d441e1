using System.Text.Json;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Many workers with full diagnostics (EventPipe per process + the OS sampler): 64 threads in one process, 16
/// processes. The result stays exact and every worker reports; Monitor's own peak memory is printed (the figures
/// go to docs/reliability.md) and only checked against a generous bound.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("threads", 64, "1e10")]
    [InlineData("processes", 16, "5e9")]
    public async Task Many_workers_with_full_diagnostics_give_the_exact_sum_with_bounded_monitor_memory(string mode, int workers, string n)
    {
        using var monitor = BackgroundMonitor.Start("run", "--mode", mode, "--workers", workers.ToString(), "--n", n, "--json", "--interval", "200");
        long peak = 0;
        while (!monitor.Process.HasExited)
        {
            peak = Math.Max(peak, MonitorMemory.PeakResidentBytes(monitor.Pid) ?? 0);
            await Task.Delay(100);
        }
        int code = await monitor.WaitForExitAsync(Bound);

        Assert.True(code == 0, $"exit {code}\n{monitor}");
        using var result = JsonDocument.Parse(monitor.StdoutLines[^1]);
        var r = result.RootElement;
        Assert.True(r.GetProperty("correct").GetBoolean(), monitor.StdoutLines[^1]);
        Assert.Equal(workers, r.GetProperty("workerThreads").GetArrayLength());
        Assert.Equal(mode == "processes" ? workers : 1, r.GetProperty("processCount").GetInt32());
        int snapshots = monitor.StdoutLines.Count(l => l.Contains("\"type\":\"snapshot\""));
        int mostWorkerThreads = monitor.StdoutLines.Where(l => l.Contains("\"type\":\"snapshot\""))
            .Max(l => CountOf(l, "\"role\":\"worker\",\"worker\""));
        output.WriteLine($"{mode} x{workers}: Monitor VmHWM {peak / 1048576.0:0.0} MiB, elapsed {r.GetProperty("elapsedMs").GetDouble() / 1000:0.0} s, " +
                         $"{snapshots} snapshots, at most {mostWorkerThreads} worker threads in one snapshot");
        Assert.True(peak < 1L << 30, $"Monitor's peak resident memory {peak / 1048576} MiB");
        Assert.Empty(Leftovers.ProcessesOf(monitor.Pid));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
