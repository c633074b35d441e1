using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>
/// A worker shares Monitor's terminal and process group, so Ctrl+C (SIGINT) and a closed terminal (SIGHUP) reach it
/// too. Monitor is the one that decides: it ends its workers itself and reports the run as interrupted; a worker that
/// died of the same signal first made the run read as "killed by signal 2". Workers ignore both; a Monitor that is
/// gone is noticed by the parent watchdog.
/// </summary>
public static class TerminalSignals
{
    private static readonly List<PosixSignalRegistration> Ignored = [];

    public static void LeaveToMonitor()
    {
        if (OperatingSystem.IsWindows()) return;
        lock (Ignored)
        {
            if (Ignored.Count > 0) return;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGHUP })
            {
                Ignored.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = true));
            }
        }
    }
}
