using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Monitor.Workloads.Windows;

/// <summary>
/// The worker's parent, opened once (SYNCHRONIZE) and watched through that handle: Windows reuses pids, so looking
/// the pid up again could find a stranger alive long after Monitor is gone. A handle names one process for as long as
/// it is open. A process found under the pid that started after this one is such a stranger from the outset.
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class ParentProcessHandle
{
    private const uint Synchronize = 0x0010_0000;
    private const uint QueryLimitedInformation = 0x1000;
    private const uint WaitTimeout = 0x102;

    private static readonly Lock Gate = new();
    private static SafeProcessHandle? _parent;
    private static int _parentPid;
    private static bool _strayed;

    /// <summary>Whether the process <paramref name="parentPid"/> that started this one is still running.</summary>
    public static bool IsAlive(int parentPid)
    {
        lock (Gate)
        {
            if (_parentPid != parentPid)
            {
                _parent?.Dispose();
                _parentPid = parentPid;
                _parent = Open(parentPid, out _strayed);
            }
            if (_strayed || _parent is null || _parent.IsInvalid) return false;
            return WaitForSingleObject(_parent, 0) == WaitTimeout;
        }
    }

    /// <summary>The parent's handle; null when no such process runs. <paramref name="stranger"/>: the pid is in use
    /// by a process younger than this one, so not by its parent.</summary>
    private static SafeProcessHandle? Open(int pid, out bool stranger)
    {
        stranger = false;
        var handle = OpenProcess(Synchronize | QueryLimitedInformation, false, (uint)pid);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            return null;
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        if (CreationTime(handle) is long parentStarted && CreationTime(self.SafeHandle) is long selfStarted)
        {
            stranger = parentStarted > selfStarted;
        }
        return handle;
    }

    private static long? CreationTime(SafeProcessHandle process) =>
        GetProcessTimes(process, out long created, out _, out _, out _) ? created : null;

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial SafeProcessHandle OpenProcess(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint processId);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial uint WaitForSingleObject(SafeProcessHandle handle, uint milliseconds);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetProcessTimes(SafeProcessHandle process, out long creationTime, out long exitTime, out long kernelTime, out long userTime);
}
