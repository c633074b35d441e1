namespace Monitor.Workloads;

/// <summary>What a file is, from the S_IFMT bits of its mode.</summary>
public enum FileKind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink, Unknown }

/// <summary>A file's type, size, owner and identity (device and inode).</summary>
public readonly record struct FileStatus(FileKind Kind, long Size, ulong Device, ulong Inode, uint Uid);
