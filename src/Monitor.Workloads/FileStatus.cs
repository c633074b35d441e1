namespace Monitor.Workloads;

/// <summary>What a file is, from the S_IFMT bits of its mode.</summary>
public enum FileKind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink, Unknown }

/// <summary>A file's type, size, owner and identity (device and inode).</summary>
public readonly record struct FileStatus(FileKind Kind, long Size, ulong Device, ulong Inode, uint Uid)
{
    /// <summary>The kind in a mode's S_IFMT bits, the same values on Linux and macOS.</summary>
    public static FileKind KindOf(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        0xA000 => FileKind.SymbolicLink,
        _ => FileKind.Unknown,
    };
}
