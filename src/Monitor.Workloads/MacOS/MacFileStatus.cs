using System.Buffers.Binary;

namespace Monitor.Workloads.MacOS;

/// <summary>
/// macOS's <c>struct stat</c> with 64-bit inodes (sys/stat.h, the only layout on arm64 and the $INODE64 one on x86-64):
/// st_dev (i32) at 0, st_mode (u16) at 4, st_nlink (u16) at 6, st_ino (u64) at 8, st_uid at 16, st_gid at 20, st_rdev
/// at 24, four timespecs from 32, st_size (i64) at 96; 144 bytes. Not Linux's: PosixFiles' statx offsets do not apply.
/// </summary>
public static class MacFileStatus
{
    public const int Size = 144;

    /// <summary>The status, or null when <paramref name="buffer"/> is shorter than the struct.</summary>
    public static FileStatus? Parse(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < Size) return null;
        uint device = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[4..]);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]);
        uint uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(buffer[96..]);
        return new FileStatus(FileStatus.KindOf(mode), size, device, inode, uid);
    }
}
