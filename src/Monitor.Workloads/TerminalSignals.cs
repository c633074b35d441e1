using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>
/// A worker shares Monitor's terminal and process group, so Ctrl+C (SIGINT) and a closed terminal (SIGHUP) reach it
/// too. Monitor is the one that decides: it ends its workers itself and reports the run as interrupted; a worker that
/// died of the same signal first made the run read as "killed by signal 2". Workers ignore both; a Monitor that is
/// gone is noticed by the parent watchdog. On Windows the same goes for Ctrl+C and Ctrl+Break, which reach every
/// process attached to the console.
/// </summary>
public static class TerminalSignals
{
    private static readonly List<PosixSignalRegistration> Ignored = [];

    public static void LeaveToMonitor()
    {
        lock (Ignored)
        {
            if (Ignored.Count > 0) return;
            // Windows sends Ctrl+C and Ctrl+Break (SIGQUIT here) to every process on the console. Its SIGHUP, the
            // console closing, ends the process whatever a handler says: nothing to leave to Monitor there.
            PosixSignal[] signals = OperatingSystem.IsWindows() ? [PosixSignal.SIGINT, PosixSignal.SIGQUIT] : [PosixSignal.SIGINT, PosixSignal.SIGHUP];
            foreach (var signal in signals)
            {
                Ignored.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = true));
            }
        }
    }
}
