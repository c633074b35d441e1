using System.Diagnostics;
using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Tests.Reliability;

/// <summary>What the tests' foreign .NET processes (<see cref="BusyDotnetTarget"/>, the target app) share: waiting for
/// the runtime's diagnostic socket, and ending the process without leaving its socket (a killed runtime cannot remove
/// it).</summary>
public static class ForeignProcess
{
    public static async Task WaitForDiagnosticSocketAsync(int pid, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (DefaultDiagnosticSockets.Of(pid).Length == 0)
        {
            if (clock.Elapsed > bound) throw new TimeoutException($"process {pid} never opened its diagnostic socket");
            await Task.Delay(50);
        }
    }

    public static void End(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
            DefaultDiagnosticSockets.RemoveStale(process);
        }
        finally
        {
            process.Dispose();
        }
    }
}
