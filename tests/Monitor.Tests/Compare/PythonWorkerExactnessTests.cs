using System.Diagnostics;
using Monitor.Model;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Tests.Compare;

/// <summary>The Python worker's totals are exact past 2^64 (Python integers do not overflow): two million integers
/// just below 10^13 add up to about 2·10^19, run directly through sum_worker.py.</summary>
public class PythonWorkerExactnessTests
{
    private const long End = 10_000_000_000_000;
    private const long Start = End - 2_000_000;

    [PythonFact]
    public Task Threads_sum_exactly_past_2_pow_64() => SumsExactly("threads");

    [PythonFact]
    public Task Processes_sum_exactly_past_2_pow_64() => SumsExactly("processes");

    private static async Task SumsExactly(string mode)
    {
        Int128 expected = SumKernel.Expected(End) - SumKernel.Expected(Start);
        Assert.True(expected > (Int128)ulong.MaxValue);

        var start = PythonWorkerLauncher.StartInfo(["--start", Start.ToString(), "--end", End.ToString(), "--workers", "2", "--mode", mode]);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.True(process.ExitCode == 0, await stderr);
        var finished = (await stdout).Split('\n')
            .Select(l => WorkerMessage.TryParse(l, out var m) ? m : null)
            .OfType<WorkerFinished>().ToArray();
        Assert.Equal([0, 1], finished.Select(f => f.Worker).Order());
        Int128 total = Int128.Zero;
        foreach (var f in finished) total += f.Sum;
        Assert.Equal(expected, total);
        Assert.Equal(End - Start, finished.Sum(f => f.Iterations));
    }
}
