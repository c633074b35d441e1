using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Workloads.MacOS;

/// <summary>
/// macOS has no PR_SET_PDEATHSIG. A kqueue watch on the parent (EVFILT_PROC, NOTE_EXIT) has the kernel wake a thread
/// that blocks on it the moment the parent exits, however it ended (SIGKILL included): no polling delay.
/// </summary>
[SupportedOSPlatform("macos")]
public static partial class ParentExitWatch
{
    private const int Interrupted = 4; // EINTR
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Starts a background thread that runs <paramref name="onWake"/> once <paramref name="parentPid"/> has
    /// exited (at once when it already has), or when the wait fails. <paramref name="onWake"/> must still look at the
    /// parent itself: it is a hint, not proof. False when the watch cannot be set up: then the caller polls.</summary>
    public static bool TryStart(int parentPid, Action onWake)
    {
        int queue = kqueue();
        if (queue < 0) return false;
        var change = KernelEvent.ExitOf(parentPid);
        if (kevent(queue, ref change, 1, IntPtr.Zero, 0, IntPtr.Zero) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = close(queue);
            if (errno != NoSuchProcess) return false;
            queue = -1; // the parent exited before the watch was set: nothing to wait for
        }
        var thread = new Thread(() =>
        {
            if (queue >= 0) WaitForExit(queue);
            onWake();
        })
        { IsBackground = true, Name = "parent-exit-watch" };
        thread.Start();
        return true;
    }

    private static void WaitForExit(int queue)
    {
        while (true)
        {
            int received = kevent(queue, IntPtr.Zero, 0, out var happened, 1, IntPtr.Zero);
            if (received < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
            if (received < 0 || received == 1 && happened.IsExit) break;
        }
        _ = close(queue);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kqueue();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kevent(int kq, ref KernelEvent changes, int changeCount, IntPtr events, int eventCount, IntPtr timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kevent(int kq, IntPtr changes, int changeCount, out KernelEvent events, int eventCount, IntPtr timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
