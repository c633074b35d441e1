using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>The calling thread's operating-system id: the tid of /proc, EventPipe's ThreadID and ProcessThread.Id.</summary>
public static partial class OsThreadId
{
    public static int Current()
    {
        if (OperatingSystem.IsLinux()) return gettid();
        if (OperatingSystem.IsWindows()) return (int)GetCurrentThreadId();
        if (OperatingSystem.IsMacOS() && pthread_threadid_np(IntPtr.Zero, out ulong id) == 0) return (int)id;
        return Environment.CurrentManagedThreadId;
    }

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("kernel32")]
    private static partial uint GetCurrentThreadId();

    [LibraryImport("libc")]
    private static partial int pthread_threadid_np(IntPtr thread, out ulong id);
}
