using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>This Mac's <see cref="MachTimebase"/>, from mach_timebase_info (libSystem).</summary>
[SupportedOSPlatform("macos")]
internal static partial class MachClock
{
    public static MachTimebase Timebase()
    {
        // Documented never to fail; a zero denominator would still be no ratio at all.
        return mach_timebase_info(out var info) == 0 && info.Denominator != 0
            ? new MachTimebase(info.Numerator, info.Denominator)
            : MachTimebase.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimebaseInfo
    {
        public uint Numerator;
        public uint Denominator;
    }

    [LibraryImport("libc")]
    private static partial int mach_timebase_info(out TimebaseInfo info);
}
