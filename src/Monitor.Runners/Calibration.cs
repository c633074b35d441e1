using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>Measures the single-thread speed of the kernel on this machine, in a worker process like any run.</summary>
public static class Calibration
{
    public const string Flag = CalibrationArguments.Flag;

    /// <summary>The wall time `--n auto` aims at for a single-thread run.</summary>
    public static readonly TimeSpan TargetRunTime = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for a steady rate, short enough not to delay a run noticeably.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(250);

    /// <summary>One thread's rate, the unit of effective parallelism and the basis of N auto: per second of the
    /// calibrating thread's own CPU time where the worker can tell it, so that other load while calibrating (the
    /// worker computes at nice 10) does not shrink the unit; else per second of wall time.</summary>
    public static async Task<double> MeasureSingleThreadRateAsync(TimeSpan duration, CancellationToken cancel = default, WorkerRuntime runtime = WorkerRuntime.Dotnet) =>
        (await MeasureAsync(duration, cancel, runtime).ConfigureAwait(false)).SingleThreadRate;

    public static async Task<CalibrationResult> MeasureAsync(TimeSpan duration, CancellationToken cancel = default, WorkerRuntime runtime = WorkerRuntime.Dotnet)
    {
        var start = StartInfo(duration, runtime);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("calibration worker did not start");
        ChildProcesses.Add(process);
        try
        {
            process.StandardInput.Close();
            string output = await process.StandardOutput.ReadToEndAsync(cancel).ConfigureAwait(false);
            await process.WaitForExitAsync(cancel).ConfigureAwait(false);
            foreach (var line in output.Split('\n'))
            {
                if (WorkerMessage.TryParse(line, out var m) && m is CalibrationResult c && c.IterationsPerSec > 0) return c;
            }
            throw new InvalidOperationException($"calibration worker {ExitReason.Describe(process.ExitCode)} without a result");
        }
        finally
        {
            ChildProcesses.Kill(process);
            ChildProcesses.Remove(process);
        }
    }

    /// <summary>The calibration worker: like every worker it carries `--parent` (this process), so it ends and removes
    /// this process's diagnostic socket should this process be killed while it calibrates.</summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(TimeSpan duration, WorkerRuntime runtime = WorkerRuntime.Dotnet)
    {
        var args = new CalibrationArguments(TimeSpan.FromMilliseconds(Math.Max(1, (int)duration.TotalMilliseconds)), Environment.ProcessId).ToArgs();
        return runtime == WorkerRuntime.Python
            ? PythonWorkerLauncher.StartInfo(args)
            : WorkerExecutable.StartInfo([WorkerArguments.Verb, .. args]);
    }

    /// <summary>An N that one thread sums in about <see cref="TargetRunTime"/>, rounded to two significant digits.</summary>
    public static long AutoN(double iterationsPerSecond, WorkKind work, WorkerRuntime runtime = WorkerRuntime.Dotnet)
    {
        long perWait = runtime == WorkerRuntime.Python ? PythonWorkerLauncher.IoIterationsPerWait : IoProfile.IterationsPerWait;
        double rate = work == WorkKind.Io
            ? perWait / (perWait / iterationsPerSecond + IoProfile.Wait.TotalSeconds)
            : iterationsPerSecond;
        double n = rate * TargetRunTime.TotalSeconds;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(n)) - 1);
        return (long)Math.Clamp(Math.Round(n / magnitude) * magnitude, 1, WorkloadLimits.MaxN);
    }
}
