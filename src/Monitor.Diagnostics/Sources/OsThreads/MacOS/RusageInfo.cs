using System.Buffers.Binary;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// The one field Monitor takes of <c>struct rusage_info_v4</c> (xnu bsd/sys/resource.h), as proc_pid_rusage(pid,
/// RUSAGE_INFO_V4) fills it: ri_lifetime_max_phys_footprint, the process's peak memory, at 240 (a 16-byte uuid, then
/// u64 fields, this one the 29th). macOS has no peak resident size; the peak footprint is its counterpart (what Activity
/// Monitor shows as memory).
/// </summary>
public static class RusageInfo
{
    public const int Version4 = 4;
    public const int Size = 296;
    private const int LifetimeMaxFootprintOffset = 16 + 28 * sizeof(ulong);

    /// <summary>The peak footprint in bytes; null when <paramref name="buffer"/> is too short.</summary>
    public static long? PeakFootprint(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < LifetimeMaxFootprintOffset + sizeof(ulong)) return null;
        ulong peak = BinaryPrimitives.ReadUInt64LittleEndian(buffer[LifetimeMaxFootprintOffset..]);
        return peak > long.MaxValue ? long.MaxValue : (long)peak;
    }
}
