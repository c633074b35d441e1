using System.Text.Json;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Compare;

/// <summary>
/// One worker thread is about one thread's worth. Effective parallelism divides a run's throughput by the calibrated
/// rate of one thread; if calibration measured something else than the workers do, every reading is off by that factor.
/// </summary>
/// <remarks>
/// Checked independently of load: per second of the worker thread's own CPU time (from the result line), a single run
/// must do 0.7-1.4 calibrated threads' worth, median of three runs; effective parallelism itself (per wall second, which
/// load lowers) at most 1.4. That catches a unit measured in wall time at nice 10 on a busy machine (the old calibration
/// read 4-6 per CPU second at load 13; the UI's .NET one 3-26) but not a 1.2x bias: on this shared 2-vCPU VM the same
/// loop's rate per CPU second moves 45-59M/s with what the other vCPU does, so a correct calibration measured 0.95-1.24
/// against its run, the same range as the old, biased Python one (1.09-1.33 at load 1-10). A narrower band would fail
/// now and then on correct code; that the workers and calibration compute alike is checked structurally in
/// <see cref="PythonKernelTests"/>.
/// </remarks>
[Collection(TimingSensitive.Name)]
public class EffectiveParallelismTests
{
    [PythonFact]
    public Task One_python_thread_is_about_one_thread_s_worth() => OneThreadIsAboutOneThreadsWorth("python", "3e7");

    [Fact]
    public Task One_dotnet_thread_is_about_one_thread_s_worth() => OneThreadIsAboutOneThreadsWorth("dotnet", "3e9");

    private static async Task OneThreadIsAboutOneThreadsWorth(string runtime, string n)
    {
        var perCpuSecond = new List<double>();
        var parallelism = new List<double>();
        for (int attempt = 0; attempt < 3; attempt++)
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
        }
        string seen = $"per CPU second {string.Join(", ", perCpuSecond.Select(x => x.ToString("0.00")))}; effective parallelism {string.Join(", ", parallelism)}";
        double median = perCpuSecond.Order().ElementAt(1);
        Assert.True(median is >= 0.7 and <= 1.4, $"one {runtime} worker thread did {median:0.00} calibrated threads' worth per CPU second ({seen})");
        Assert.True(parallelism.Order().ElementAt(1) <= 1.4, $"one {runtime} worker thread read as {parallelism.Order().ElementAt(1)} threads ({seen})");
    }
}
