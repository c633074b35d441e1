using System.Text.Json;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Compare;

/// <summary>
/// One worker thread is one thread's worth. Effective parallelism divides a run's throughput by the calibrated rate of
/// one thread; if calibration measured something else than the workers do (another loop, or wall time a busy machine
/// took from it) every reading would be off by that factor: Python's read ~1.2 for one thread.
/// </summary>
/// <remarks>
/// What is checked does not depend on how loaded the machine is: per second of the worker thread's own CPU time (from
/// the result line), a single run must do one calibrated thread's rate, 0.9-1.08. On this shared 2-vCPU machine the
/// rate of the same loop per CPU second drifts by up to ~15% for a second or two at a time, so one run may miss that
/// band by chance: the test passes once a run has landed in it, trying up to five runs. A biased unit misses it every
/// time (the old Python calibration gave 1.10-1.33 at load 8 and 4-6 at load 13; this one 0.98-1.07, now and then
/// 1.16-1.24). Effective parallelism itself, per wall second, only falls below 1 when other load takes CPU from the
/// run: some run must read at most 1.1.
/// </remarks>
[Collection(TimingSensitive.Name)]
public class EffectiveParallelismTests
{
    private const int Attempts = 5;

    [PythonFact]
    public Task One_python_thread_is_one_thread_s_worth() => OneThreadIsOneThreadsWorth("python", "3e7");

    [Fact]
    public Task One_dotnet_thread_is_one_thread_s_worth() => OneThreadIsOneThreadsWorth("dotnet", "3e9");

    private static async Task OneThreadIsOneThreadsWorth(string runtime, string n)
    {
        var perCpuSecond = new List<double>();
        var parallelism = new List<double>();
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var run = await MonitorProgram.RunAsync(["run", "--runtime", runtime, "--mode", "single", "--n", n, "--json"], TimeSpan.FromSeconds(120));
            Assert.True(run.ExitCode == 0, run.ToString());
            using var doc = JsonDocument.Parse(run.StdoutLines[^1]);
            var result = doc.RootElement;
            double ep = result.GetProperty("effectiveParallelism").GetDouble();
            double elapsedSeconds = result.GetProperty("elapsedMs").GetDouble() / 1000;
            var worker = result.GetProperty("workerThreads").EnumerateArray().Single();
            long iterations = worker.GetProperty("iterations").GetInt64();
            double workerCpuSeconds = worker.GetProperty("cpuMs").GetDouble() / 1000;
            // The calibrated rate, back from the reading: effectiveParallelism = iterations / elapsed / rate.
            double calibrated = iterations / elapsedSeconds / ep;
            perCpuSecond.Add(iterations / workerCpuSeconds / calibrated);
            parallelism.Add(ep);
            if (perCpuSecond.Any(x => x is >= 0.9 and <= 1.08) && parallelism.Min() <= 1.1) return;
        }
        Assert.Fail($"in {Attempts} single {runtime} runs, one worker thread never did 0.9-1.08 calibrated threads' worth per CPU second "
            + $"with an effective parallelism of at most 1.1: per CPU second {string.Join(", ", perCpuSecond.Select(x => x.ToString("0.00")))}; "
            + $"effective parallelism {string.Join(", ", parallelism)}");
    }
}
