using System.Diagnostics;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>The real `monitor` program running in the background (stdout and stderr piped), to be signalled or
/// killed mid-run. Disposing it ends it and anything it started, whatever the test did.</summary>
public sealed class BackgroundMonitor : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = new();
    private readonly List<string> _stderr = new();

    private BackgroundMonitor(Process process) => _process = process;

    public static BackgroundMonitor Start(params string[] args) => Start(args, new Dictionary<string, string?>());

    /// <param name="environment">variables to set (or, with a null value, remove) for the program only.</param>
    public static BackgroundMonitor Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(MonitorProgram.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        var monitor = new BackgroundMonitor(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (monitor._stdout) monitor._stdout.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (monitor._stderr) monitor._stderr.Add(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return monitor;
    }

    public int Pid => _process.Id;

    public Process Process => _process;

    public IReadOnlyList<string> StdoutLines { get { lock (_stdout) return _stdout.ToArray(); } }

    public IReadOnlyList<string> StderrLines { get { lock (_stderr) return _stderr.ToArray(); } }

    /// <summary>Waits until a line on stdout satisfies <paramref name="condition"/>; the bound is a hang guard.</summary>
    public async Task WaitForStdoutAsync(Func<string, bool> condition, string what, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (!StdoutLines.Any(condition))
        {
            if (_process.HasExited) throw new InvalidOperationException($"monitor exited before {what}:\n{this}");
            if (clock.Elapsed > bound) throw new TimeoutException($"no {what} within {bound}:\n{this}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="count"/> processes of the run work on Monitor's behalf and returns their pids
    /// (not the calibration worker before the run).</summary>
    public async Task<IReadOnlyList<int>> WaitForWorkersAsync(int count, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var workers = Leftovers.RunWorkersOf(Pid);
            if (workers.Count >= count) return workers;
            if (_process.HasExited) throw new InvalidOperationException($"monitor exited before {count} workers ran:\n{this}");
            if (clock.Elapsed > bound) throw new TimeoutException($"{workers.Count} of {count} workers within {bound}:\n{this}");
            await Task.Delay(50);
        }
    }

    public void Signal(int signal) => PosixSignals.Send(Pid, signal);

    /// <summary>The exit code; the bound is a hang guard.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var guard = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"monitor did not end within {bound}:\n{this}");
        }
        return _process.ExitCode;
    }

    public override string ToString() => $"stdout:\n{string.Join('\n', StdoutLines.TakeLast(5))}\nstderr:\n{string.Join('\n', StderrLines)}";

    public void Dispose() => Leftovers.EndMonitor(_process);
}
