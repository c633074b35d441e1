using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>The few ntdll and kernel32 calls the Windows sampler makes.</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class WindowsNative
{
    public const int SystemProcessInformation = 5;
    public const int StatusInfoLengthMismatch = unchecked((int)0xC0000004);
    public const uint ThreadQueryLimitedInformation = 0x0800;

    [LibraryImport("ntdll.dll")]
    public static partial int NtQuerySystemInformation(int systemInformationClass, void* systemInformation, uint length, uint* returnLength);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    public static partial nint OpenThread(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint threadId);

    /// <summary>Windows 10 1607 and later; the string is freed with <see cref="LocalFree"/>.</summary>
    [LibraryImport("kernel32.dll")]
    public static partial int GetThreadDescription(nint thread, char** description);

    [LibraryImport("kernel32.dll")]
    public static partial nint LocalFree(nint memory);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CloseHandle(nint handle);

    private static bool _noThreadDescriptions;

    /// <summary>The thread's description (what SetThreadDescription and .NET's Thread.Name set); null when the thread
    /// cannot be opened (ended, another user's) or the system has no descriptions.</summary>
    public static string? ThreadDescription(int tid)
    {
        if (_noThreadDescriptions) return null;
        nint thread = OpenThread(ThreadQueryLimitedInformation, false, (uint)tid);
        if (thread == 0) return null;
        try
        {
            char* description = null;
            if (GetThreadDescription(thread, &description) < 0 || description == null) return null;
            try
            {
                return new string(description);
            }
            finally
            {
                LocalFree((nint)description);
            }
        }
        catch (EntryPointNotFoundException)
        {
            _noThreadDescriptions = true;
            return null;
        }
        finally
        {
            CloseHandle(thread);
        }
    }
}
