using System.Diagnostics;
using System.Text.Json;
using Monitor.Runners;

namespace Monitor.Tests.Compare;

/// <summary>
/// Calibration measures the very function the Python workers compute with, as they do: sum_worker.py's add_range, on a
/// thread that is not the main one. The test imports the script, counts the ranges given to add_range, and checks that
/// calibration calls it, from a thread of its own, and that a worker's whole range goes through it, in the same chunks.
/// (Effective parallelism divides by the calibrated rate: a calibration loop of its own could drift from the workers',
/// and the main thread measured ~17% slower than a worker thread here; either biases every reading.)
/// </summary>
public class PythonKernelTests
{
    private const string Probe = """
        import io, json, sys, contextlib
        sys.path.insert(0, sys.argv[1])
        import sum_worker as w
        calls = []
        kernel = w.add_range
        def counted(a, b):
            calls.append((a, b))
            return kernel(a, b)
        w.add_range = counted
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            w.calibrate(20)
        calibration = [json.loads(l) for l in out.getvalue().splitlines()]
        calibrated = list(calls)
        calls.clear()
        # `sum_worker.py --calibrate MS` measures on a thread of its own, as workers compute.
        import threading
        threads = []
        measure = w.calibrate
        w.calibrate = lambda ms: (threads.append(threading.current_thread() is not threading.main_thread()), measure(ms))
        sys.argv = ["sum_worker.py", "--calibrate", "20"]
        with contextlib.redirect_stdout(io.StringIO()):
            w.main()
        calls.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            total, done, _ = w.sum_range(0, 5, 250_005, 0, 1.0)
        print(json.dumps({"chunk": w.CHUNK, "calibration": calibration, "calibrated": calibrated, "worked": calls, "onThread": threads,
                          "total": str(total), "done": done}))
        """;

    [PythonFact]
    public async Task Calibration_and_workers_compute_with_the_same_kernel_function()
    {
        var start = new ProcessStartInfo(PythonWorkerLauncher.Interpreter!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Probe);
        start.ArgumentList.Add(Path.GetDirectoryName(PythonWorkerLauncher.ScriptPath)!);
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(guard.Token);
        Assert.True(python.ExitCode == 0, await stderr);

        using var doc = JsonDocument.Parse(await stdout);
        var root = doc.RootElement;
        long chunk = root.GetProperty("chunk").GetInt64();
        var calibrated = Ranges(root.GetProperty("calibrated"));
        var worked = Ranges(root.GetProperty("worked"));

        // Calibration: only add_range, a chunk at a time, and a rate from it.
        Assert.NotEmpty(calibrated);
        Assert.All(calibrated, r => Assert.Equal(chunk, r.End - r.Start));
        var result = Assert.Single(root.GetProperty("calibration").EnumerateArray());
        Assert.Equal("calibration", result.GetProperty("type").GetString());
        Assert.True(result.GetProperty("iterationsPerSec").GetDouble() > 0);

        Assert.Equal([true], root.GetProperty("onThread").EnumerateArray().Select(t => t.GetBoolean()));

        // A worker: its whole range [5, 250005) through add_range, in the same chunks (the last one shorter).
        Assert.Equal(5, worked[0].Start);
        Assert.Equal(250_005, worked[^1].End);
        for (int i = 1; i < worked.Length; i++) Assert.Equal(worked[i - 1].End, worked[i].Start);
        Assert.All(worked[..^1], r => Assert.Equal(chunk, r.End - r.Start));
        Assert.Equal(250_000, root.GetProperty("done").GetInt64());
        Assert.Equal((250_005L * 250_004 / 2 - 10).ToString(), root.GetProperty("total").GetString());
    }

    private static (long Start, long End)[] Ranges(JsonElement calls) =>
        calls.EnumerateArray().Select(c => (c[0].GetInt64(), c[1].GetInt64())).ToArray();
}
