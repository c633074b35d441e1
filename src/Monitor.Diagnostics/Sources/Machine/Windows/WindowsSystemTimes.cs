using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.Machine.Windows;

/// <summary>The machine's busy CPU time on Windows, from GetSystemTimes: its kernel time includes the idle time, so
/// busy is kernel − idle + user, summed over all CPUs, in 100 ns units.</summary>
internal static partial class WindowsSystemTimes
{
    [SupportedOSPlatform("windows")]
    public static double? BusyMs() =>
        GetSystemTimes(out long idle, out long kernel, out long user) ? BusyMs(idle, kernel, user) : null;

    /// <summary>The arithmetic alone, testable anywhere.</summary>
    public static double BusyMs(long idle100ns, long kernel100ns, long user100ns) =>
        (kernel100ns - idle100ns + user100ns) / 10_000.0;

    // FILETIME is two 32-bit halves, low first: on a little-endian machine the same 8 bytes as a long.
    [SupportedOSPlatform("windows")]
    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetSystemTimes(out long idle, out long kernel, out long user);
}
