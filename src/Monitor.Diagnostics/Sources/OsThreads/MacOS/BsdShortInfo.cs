using System.Buffers.Binary;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// What Monitor takes of a process's <c>struct proc_bsdshortinfo</c> (xnu bsd/sys/proc_info.h), as
/// proc_pidinfo(PROC_PIDT_SHORTBSDINFO) fills it: pbsi_ppid at 4 and pbsi_uid, the effective user id, at 36 (after
/// four u32, the 16-byte pbsi_comm and pbsi_flags).
/// </summary>
public readonly record struct BsdShortInfo(int ParentPid, uint EffectiveUid)
{
    public const int Size = 64;

    /// <summary>The process's own, from proc_pidinfo; null when it has gone or may not be read.</summary>
    [SupportedOSPlatform("macos")]
    public static BsdShortInfo? Of(int pid)
    {
        Span<byte> buffer = stackalloc byte[Size];
        int filled = LibProc.PidInfo(pid, LibProc.ShortBsdInfo, 0, buffer);
        return filled > 0 ? Parse(buffer[..filled]) : null;
    }

    /// <summary>The reading, or null when <paramref name="buffer"/> is shorter than the struct.</summary>
    public static BsdShortInfo? Parse(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < Size) return null;
        return new BsdShortInfo(
            BinaryPrimitives.ReadInt32LittleEndian(buffer[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer[36..]));
    }
}
