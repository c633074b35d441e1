using System.Globalization;

namespace Monitor.Tests.Reliability;

/// <summary>Worker threads compute 10 nice steps below Monitor, so Monitor's UI and sampler get a CPU when they need
/// one even with 64 busy workers.</summary>
[Collection(TimingSensitive.Name)]
public sealed class WorkerPriorityTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("dotnet")]
    [InlineData("python")]
    public async Task Worker_threads_run_ten_nice_steps_below_monitor(string runtime)
    {
        using var monitor = BackgroundMonitor.Start("run", "--runtime", runtime, "--mode", "threads", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        var workers = await monitor.WaitForWorkersAsync(1, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        int monitorNice = Nice($"/proc/{monitor.Pid}/stat");
        int expected = Math.Min(19, monitorNice + 10);
        // The Python worker lowers its priority once its interpreter is up: look until its worker threads exist.
        List<int> nices = [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Bound)
        {
            nices = Directory.GetDirectories($"/proc/{workers[0]}/task").Select(t => Nice(Path.Combine(t, "stat"))).ToList();
            if (nices.Count >= 3 && nices.Count(n => n == expected) >= 2) break;
            await Task.Delay(50);
        }
        // The runtime's own threads may start before the priority is lowered; the two worker threads may not.
        Assert.True(nices.Count(n => n == expected) >= 2, $"Monitor nice {monitorNice}, worker process threads: {string.Join(", ", nices)}");
        var workerThreadNames = Directory.GetDirectories($"/proc/{workers[0]}/task")
            .Where(t => File.ReadAllText(Path.Combine(t, "comm")).StartsWith("sum-worker", StringComparison.Ordinal)).ToList();
        Assert.All(workerThreadNames, t => Assert.Equal(expected, Nice(Path.Combine(t, "stat"))));
    }

    /// <summary>Field 19 of a stat file: the nice value.</summary>
    private static int Nice(string statPath)
    {
        string stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
