using System.Runtime.InteropServices;
using Monitor.Runners;

namespace Monitor.Cli.Hosting;

/// <summary>
/// The one place that turns Ctrl+C, SIGTERM and SIGHUP (a dropped SSH connection; on Windows also Ctrl+Break and the
/// console window closing) into an orderly stop: commands
/// watch <see cref="Stopping"/>, end their runs and finish their files. A second signal, or a process exit by any
/// other path, still ends every worker process.
/// </summary>
public static class AppLifetime
{
    private static readonly CancellationTokenSource StopSource = new();
    private static readonly List<PosixSignalRegistration> Registrations = new();
    private static int _signals;

    public static CancellationToken Stopping => StopSource.Token;

    public static void Install()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => ChildProcesses.KillAll();
        // On Windows SIGQUIT is Ctrl+Break, a stop like Ctrl+C; SIGHUP is the console window closing, and the system
        // ends the process a few seconds after the handler returns (or sooner on logoff): enough to end the workers,
        // not always to finish files.
        PosixSignal[] signals = OperatingSystem.IsWindows()
            ? [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT]
            : [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];
        foreach (var signal in signals)
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>Asks every command to stop, as a signal would (the UI's quit key uses it too).</summary>
    public static void RequestStop()
    {
        if (!StopSource.IsCancellationRequested) StopSource.Cancel();
    }

    /// <summary>How long the command has after the first signal to end its workers itself (reading what they used
    /// first, so an interrupted run still gives its CPU time) before they are killed without it.</summary>
    public static readonly TimeSpan WorkersGrace = TimeSpan.FromSeconds(1);

    private static Timer? _fallback;

    private static void OnSignal(PosixSignalContext context)
    {
        if (context.Signal == PosixSignal.SIGHUP && StopSource.IsCancellationRequested)
        {
            // A closing terminal sends SIGHUP twice (the kernel, then the shell to its jobs): not a user insisting.
            context.Cancel = true;
            return;
        }
        if (Interlocked.Increment(ref _signals) == 1)
        {
            // First signal: let the command wind down and write what it must; a command that cannot (stuck writing to
            // a reader that stopped reading, say) still has its workers ended soon.
            context.Cancel = true;
            _fallback = new Timer(_ => ChildProcesses.KillAll(), null, WorkersGrace, Timeout.InfiniteTimeSpan);
            RequestStop();
            return;
        }
        // A second signal takes the default action: the process ends now, its workers first.
        ChildProcesses.KillAll();
    }
}
