using System.Buffers.Binary;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// What Monitor takes of a process's <c>struct proc_taskinfo</c> (xnu bsd/sys/proc_info.h), as
/// proc_pidinfo(PROC_PIDTASKINFO) fills it: six u64 (virtual size, resident size, total user, total system, live
/// threads' user and system) then twelve i32 (pti_threadnum the tenth, at 84). The totals count ended threads too and
/// are in mach absolute time units (xnu's recount_task_times), hence the timebase.
/// </summary>
public readonly record struct MacTaskInfo(long ResidentBytes, double UserMs, double SystemMs, int ThreadCount)
{
    public const int Size = 96;

    /// <summary>The reading, or null when <paramref name="buffer"/> is shorter than the struct.</summary>
    public static MacTaskInfo? Parse(ReadOnlySpan<byte> buffer, MachTimebase timebase)
    {
        if (buffer.Length < Size) return null;
        ulong resident = BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]);
        return new MacTaskInfo(
            resident > long.MaxValue ? long.MaxValue : (long)resident,
            timebase.ToMilliseconds(BinaryPrimitives.ReadUInt64LittleEndian(buffer[16..])),
            timebase.ToMilliseconds(BinaryPrimitives.ReadUInt64LittleEndian(buffer[24..])),
            BinaryPrimitives.ReadInt32LittleEndian(buffer[84..]));
    }
}
