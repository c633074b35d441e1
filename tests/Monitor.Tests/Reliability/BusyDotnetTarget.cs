using System.Diagnostics;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>A .NET process Monitor did not start, for attach tests: a worker summing on one thread for minutes,
/// started directly by the test. Disposing kills it and removes its socket (a killed runtime cannot).</summary>
public sealed class BusyDotnetTarget : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private BusyDotnetTarget(Process process) => Process = process;

    public Process Process { get; }
    public int Pid => Process.Id;

    /// <param name="program">the program to start: Monitor's, or a link to it under another name.</param>
    public static BusyDotnetTarget Start(string? program = null)
    {
        var start = new ProcessStartInfo(program ?? MonitorProgram.Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in new[] { "worker", "--start", "0", "--end", "10000000000000", "--threads", "1", "--first-worker", "0",
                     "--work", "cpu", "--gil", "0", "--switch-ms", "5", "--lock-block", "1000", "--parent", Environment.ProcessId.ToString() })
        {
            start.ArgumentList.Add(a);
        }
        var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        // Drained so the worker never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return new BusyDotnetTarget(process);
    }

    /// <summary>Waits until the target's runtime has opened its diagnostic socket: it can be attached to.</summary>
    public Task WaitForDiagnosticSocket() => ForeignProcess.WaitForDiagnosticSocketAsync(Pid, Bound);

    public void Dispose() => ForeignProcess.End(Process);
}
