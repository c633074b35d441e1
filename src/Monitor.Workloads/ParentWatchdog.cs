using System.Runtime.InteropServices;
using Monitor.Workloads.Windows;

namespace Monitor.Workloads;

/// <summary>
/// Ends a worker whose Monitor is gone, even when Monitor was killed with SIGKILL and could not end it: a runaway
/// CPU burner on someone's server is the worst thing this tool could leave behind.
/// </summary>
public static partial class ParentWatchdog
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts a background thread that exits the process with <paramref name="exitCode"/> once the parent
    /// <paramref name="parentPid"/> has gone, and has the kernel wake this process when it does (see
    /// <see cref="AskToBeWokenWhenParentDies"/>; on macOS a kqueue watch, <see cref="MacOS.ParentExitWatch"/>).</summary>
    public static void Start(int parentPid, int exitCode)
    {
        AskToBeWokenWhenParentDies();
        // The parent may have died before the request took effect: then nobody will send the signal, look now.
        ExitIfOrphaned(parentPid, exitCode);
        if (OperatingSystem.IsMacOS() && MacOS.ParentExitWatch.TryStart(parentPid, () => WatchAfterExitNotice(parentPid, exitCode))) return;
        var thread = new Thread(() => Watch(parentPid, exitCode)) { IsBackground = true, Name = "parent-watchdog" };
        thread.Start();
    }

    private static readonly object Exiting = new();

    private static void Watch(int parentPid, int exitCode)
    {
        while (true)
        {
            Thread.Sleep(Period);
            ExitIfOrphaned(parentPid, exitCode);
        }
    }

    /// <summary>The kernel said the parent exited: its children are re-parented in that same exit, a moment later,
    /// so look often at first. A wake that was not the exit (a failed wait) ends in the ordinary polling.</summary>
    private static void WatchAfterExitNotice(int parentPid, int exitCode)
    {
        for (int look = 0; look < 100; look++)
        {
            ExitIfOrphaned(parentPid, exitCode);
            Thread.Sleep(10);
        }
        Watch(parentPid, exitCode);
    }

    /// <summary>Checks once: when the parent has gone, removes what it left behind (<see cref="OrphanCleanup"/>) and
    /// exits the process with <paramref name="exitCode"/>; otherwise returns.</summary>
    public static void ExitIfOrphaned(int parentPid, int exitCode)
    {
        if (ParentAlive(parentPid)) return;
        // The watchdog thread and a worker's own last check may find it at once: one cleans up, the other waits here
        // for the exit.
        lock (Exiting)
        {
            OrphanCleanup.Run(parentPid);
            Environment.Exit(exitCode);
        }
    }

    /// <summary>
    /// A worker stopped with SIGSTOP (or Ctrl+Z) runs no watchdog: when Monitor was then killed it stayed stopped for
    /// good, holding its sockets. PR_SET_PDEATHSIG has the kernel signal the worker when its parent dies, stopped or not.
    /// The signal is SIGCONT, not SIGKILL: the kernel sends it when the *thread* that started the worker ends, and
    /// Monitor starts workers from pool threads that retire while Monitor lives on (SIGKILL would kill healthy workers
    /// then; SIGCONT does nothing to a running process). Woken, the watchdog sees the new parent, removes what Monitor
    /// left (which SIGKILL would have left behind) and exits. Linux only (macOS: <see cref="MacOS.ParentExitWatch"/>).
    /// </summary>
    public static void AskToBeWokenWhenParentDies()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Fails only where prctl is not allowed (a seccomp profile); the watchdog still covers a worker that runs.
        _ = prctl(PrSetPdeathsig, SigCont, 0, 0, 0);
    }

    private const int PrSetPdeathsig = 1;
    private const ulong SigCont = 18;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    private static bool ParentAlive(int parentPid)
    {
        // On Unix an orphan is re-parented (to init or a subreaper), so a changed parent pid is the sure sign.
        // On Windows nobody is re-parented and pids are reused: the parent is watched through a handle opened once.
        return OperatingSystem.IsWindows() ? ParentProcessHandle.IsAlive(parentPid) : getppid() == parentPid;
    }

    [LibraryImport("libc")]
    private static partial int getppid();
}
