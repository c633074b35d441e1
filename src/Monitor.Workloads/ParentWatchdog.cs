using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>
/// Ends a worker whose Monitor is gone, even when Monitor was killed with SIGKILL and could not end it: a runaway
/// CPU burner on someone's server is the worst thing this tool could leave behind.
/// </summary>
public static partial class ParentWatchdog
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts a background thread that exits the process with <paramref name="exitCode"/> once the parent
    /// <paramref name="parentPid"/> has gone.</summary>
    public static void Start(int parentPid, int exitCode)
    {
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

    private static bool ParentAlive(int parentPid)
    {
        // On Unix an orphan is re-parented (to init or a subreaper), so a changed parent pid is the sure sign.
        if (!OperatingSystem.IsWindows()) return getppid() == parentPid;
        try
        {
            using var parent = Process.GetProcessById(parentPid);
            return !parent.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LibraryImport("libc")]
    private static partial int getppid();
}
