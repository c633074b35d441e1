using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>This Mac's <see cref="MachTimebase"/>. From the timer's frequency (hw.tbfrequency) first: an x86-64 build
/// under Rosetta 2 gets 1/1 from mach_timebase_info while proc_taskinfo still counts in the 24 MHz ticks of the Apple
/// silicon beneath (the fix psutil made in its #2728), so mach_timebase_info is only the fallback.</summary>
[SupportedOSPlatform("macos")]
internal static partial class MachClock
{
    public static MachTimebase Timebase()
    {
        Span<byte> value = stackalloc byte[sizeof(ulong)];
        nuint length = (nuint)value.Length;
        if (sysctlbyname("hw.tbfrequency", ref MemoryMarshal.GetReference(value), ref length, IntPtr.Zero, 0) == 0
            && MachTimebase.FromTimerFrequency(length == sizeof(uint) ? BinaryPrimitives.ReadUInt32LittleEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value)) is { } fromFrequency)
        {
            return fromFrequency;
        }
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

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int sysctlbyname(string name, ref byte value, ref nuint length, IntPtr newValue, nuint newLength);
}
