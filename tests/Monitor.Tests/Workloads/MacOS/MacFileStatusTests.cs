using Monitor.Workloads;
using Monitor.Workloads.MacOS;

namespace Monitor.Tests.Workloads.MacOS;

public sealed class MacFileStatusTests
{
    /// <summary>struct stat (64-bit inodes) written field by field in sys/stat.h's order, from the documented layout
    /// (not recorded on a Mac). The 4 bytes after st_rdev are the padding that aligns the first timespec's 64-bit
    /// tv_sec.</summary>
    private static byte[] Stat(ushort mode, ulong inode, uint uid, long size, int device = 16_777_233)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(device); // st_dev
        w.Write(mode); // st_mode
        w.Write((ushort)1); // st_nlink
        w.Write(inode); // st_ino
        w.Write(uid); // st_uid
        w.Write(20u); // st_gid
        w.Write(0); // st_rdev
        w.Write(0); // padding
        for (int i = 0; i < 4; i++)
        {
            w.Write(1_700_000_000L + i); // st_atimespec, st_mtimespec, st_ctimespec, st_birthtimespec: tv_sec
            w.Write(999_999_999L); // tv_nsec
        }
        w.Write(size); // st_size
        w.Write(8L); // st_blocks
        w.Write(4096); // st_blksize
        w.Write(0u); // st_flags
        w.Write(0u); // st_gen
        w.Write(0); // st_lspare
        w.Write(0L); // st_qspare[0]
        w.Write(0L); // st_qspare[1]
        return stream.ToArray();
    }

    [Fact]
    public void The_documented_struct_is_as_long_as_the_parser_reads()
    {
        Assert.Equal(MacFileStatus.Size, Stat(0, 0, 0, 0).Length);
    }

    [Fact]
    public void Kind_size_owner_and_identity_are_read()
    {
        var status = MacFileStatus.Parse(Stat(mode: 0xC000 | 0x1ED, inode: 0x1_2345_6789, uid: 501, size: 123_456_789_012, device: 16_777_233));

        Assert.Equal(new FileStatus(FileKind.Socket, 123_456_789_012, 16_777_233, 0x1_2345_6789, 501), status);
    }

    [Theory]
    [InlineData(0x8000, FileKind.Regular)]
    [InlineData(0x4000, FileKind.Directory)]
    [InlineData(0x1000, FileKind.Fifo)]
    [InlineData(0x2000, FileKind.CharacterDevice)]
    [InlineData(0x6000, FileKind.BlockDevice)]
    [InlineData(0xC000, FileKind.Socket)]
    [InlineData(0xA000, FileKind.SymbolicLink)]
    [InlineData(0xE000, FileKind.Unknown)] // S_IFWHT, a union-mount whiteout: macOS only
    public void The_type_bits_read_as_a_kind(int typeBits, FileKind kind)
    {
        Assert.Equal(kind, MacFileStatus.Parse(Stat((ushort)(typeBits | 0x1C0), 1, 0, 0))!.Value.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(143)]
    public void A_short_buffer_is_no_status(int length)
    {
        Assert.Null(MacFileStatus.Parse(Stat(0x8000, 1, 2, 3).AsSpan(0, length)));
    }
}
