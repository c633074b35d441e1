using System.Diagnostics;
using System.Globalization;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>
/// Runs the seed's own experiment with the machine's python3: threading.Thread workers (single, threads; gil is the
/// same thing, CPython has a real one) or multiprocessing.Process workers sending results back through a Queue.
/// </summary>
public sealed class PythonWorkerLauncher : IWorkerLauncher
{
    public const string ScriptName = "sum_worker.py";

    /// <summary>The I/O profile for Python: a Python loop is ~100 times slower than the .NET one, so it blocks after
    /// fewer iterations to keep the same ratio of waiting to computing.</summary>
    public const long IoIterationsPerWait = 10_000;

    public bool IsDotnet => false;

    /// <summary>The interpreter on PATH, or null when this machine has none.</summary>
    public static string? FindInterpreter()
    {
        string[] names = OperatingSystem.IsWindows() ? ["python3.exe", "python.exe"] : ["python3"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private static readonly Lazy<string?> Resolved = new(ResolveInterpreter);

    /// <summary>
    /// The interpreter itself behind the python3 on PATH. A version manager's shim (pyenv's is a shell script) costs
    /// ~90 ms per start, which would count as the workers' start-up; asking the interpreter for sys.executable once
    /// skips it for every later worker.
    /// </summary>
    public static string? Interpreter => Resolved.Value;

    private static string? ResolveInterpreter()
    {
        string? onPath = FindInterpreter();
        if (onPath is null) return null;
        try
        {
            var start = new ProcessStartInfo(onPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sys; print(sys.executable)");
            using var process = Process.Start(start);
            if (process is null) return onPath;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 && File.Exists(output) ? output : onPath;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return onPath;
        }
    }

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Python", ScriptName);

    /// <summary>python3 running the worker script with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string python = Interpreter ?? throw new PythonNotFoundException();
        if (!File.Exists(ScriptPath)) throw new FileNotFoundException($"the Python worker {ScriptPath} is missing from the installation");
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(ScriptPath);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    public IReadOnlyList<PlannedProcess> Plan(WorkloadSpec spec)
    {
        string Str(long v) => v.ToString(CultureInfo.InvariantCulture);
        var start = StartInfo(
                 [
                     "--start", "0", "--end", Str(spec.N), "--workers", Str(spec.Workers),
                     "--mode", spec.Mode == RunMode.Processes ? "processes" : "threads",
                     "--io-every", spec.Work == WorkKind.Io ? Str(IoIterationsPerWait) : "0",
                     "--io-ms", IoProfile.Wait.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
                     "--parent", Str(Environment.ProcessId),
                 ]);
        var workers = Partition.Split(0, spec.N, spec.Workers).Select((r, i) => new WorkerState(i, r.Start, r.End)).ToArray();
        return [new PlannedProcess(start, workers)];
    }
}

/// <summary>No python3 on this machine: Python rows are skipped with this message, nothing fails.</summary>
public sealed class PythonNotFoundException() : Exception("python3 was not found on PATH; Python runs are skipped");
