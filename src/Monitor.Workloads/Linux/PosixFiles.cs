using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Monitor.Workloads.Linux;

/// <summary>
/// The few system calls that let files be read and written by handle rather than by path (Linux): open without
/// following a link or blocking on a FIFO, <c>statx</c> for a file's type, owner and identity, <c>openat</c>/<c>renameat</c>
/// relative to a directory opened once (a trace bundle), and an unnamed file that vanishes with the process until it is
/// linked into place (a flame graph being written). <c>struct statx</c> has one layout on every architecture; the open flags that
/// differ between x86-64 and arm64 are chosen at run time.
/// </summary>
[SupportedOSPlatform("linux")]
public static class PosixFiles
{
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static readonly int NoFollow = Arm ? 0x8000 : 0x20000;
    private static readonly int DirectoryOnly = Arm ? 0x4000 : 0x10000;

    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int SymlinkNoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS

    private const int Interrupted = 4; // EINTR

    /// <summary>Opens <paramref name="path"/> for reading without blocking (a FIFO with no writer would block the
    /// open forever) and, unless <paramref name="followLink"/>, without following a symbolic link at its end.
    /// Returns the handle and the errno (0 on success).</summary>
    public static (SafeFileHandle? Handle, int Errno) OpenRead(string path, bool followLink)
    {
        int flags = ReadOnly | NonBlocking | CloseOnExec | (followLink ? 0 : NoFollow);
        return Opened(Retry(() => open(path, flags, 0)));
    }

    /// <summary>Opens a directory, never through a symbolic link.</summary>
    public static (SafeFileHandle? Handle, int Errno) OpenDirectory(string path) =>
        Opened(Retry(() => open(path, ReadOnly | DirectoryOnly | NoFollow | CloseOnExec, 0)));

    /// <summary>Creates <paramref name="name"/> inside the open directory <paramref name="directory"/>: new, 0600, never
    /// over anything already there (a symbolic link included).</summary>
    public static (SafeFileHandle? Handle, int Errno) CreateNewAt(SafeFileHandle directory, string name, UnixFileMode mode) =>
        With(directory, fd => Opened(Retry(() => openat(fd, name, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, (int)mode))));

    /// <summary>renameat(2) within one open directory: replaces <paramref name="to"/> at once.</summary>
    public static int RenameAt(SafeFileHandle directory, string from, string to) =>
        With(directory, fd => renameat(fd, from, fd, to) == 0 ? 0 : Marshal.GetLastPInvokeError());

    /// <summary>unlinkat(2) of a file inside an open directory; the errno, or 0.</summary>
    public static int UnlinkAt(SafeFileHandle directory, string name) =>
        With(directory, fd => unlinkat(fd, name, 0) == 0 ? 0 : Marshal.GetLastPInvokeError());

    /// <summary>A new regular file in <paramref name="directory"/> with no name (O_TMPFILE): it vanishes with the
    /// process, whatever ends it, until <see cref="Link"/> gives it one. EOPNOTSUPP or EISDIR where the file system
    /// or kernel cannot make one.</summary>
    public static (SafeFileHandle? Handle, int Errno) CreateUnnamed(string directory, UnixFileMode mode) =>
        Opened(Retry(() => open(directory, 0x400000 | DirectoryOnly | WriteOnly | CloseOnExec, (int)mode)));

    /// <summary>Gives an unnamed file (<see cref="CreateUnnamed"/>) the name <paramref name="path"/>, in one step, never
    /// over anything already there (EEXIST); the errno, or 0.</summary>
    public static int Link(SafeFileHandle unnamed, string path) =>
        With(unnamed, fd => linkat(CurrentDirectory, $"/proc/self/fd/{fd}", CurrentDirectory, path, 0x400) == 0 ? 0 : Marshal.GetLastPInvokeError());

    /// <summary>mkdir(2): a new directory, never one already there (EEXIST, a link included); the errno, or 0.</summary>
    public static int MakeDirectory(string path, UnixFileMode mode) =>
        mkdir(path, (int)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The user this process acts as.</summary>
    public static uint EffectiveUid() => geteuid();

    /// <summary>The status of an open file.</summary>
    public static FileStatus? StatusOf(SafeFileHandle handle) => With(handle, fd => Stat(fd, "", EmptyPath));

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); null when it cannot be
    /// read (it does not exist).</summary>
    public static FileStatus? StatusOf(string path) => Stat(CurrentDirectory, path, SymlinkNoFollow);

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "not a regular file",
    };

    public static string Message(int errno) => new Win32Exception(errno).Message;

    private static FileStatus? Stat(int dirFd, string path, int flags)
    {
        // struct statx: stx_uid at 20, stx_mode (u16) at 28, stx_ino at 32, stx_size at 40, stx_dev_major/minor at
        // 136/140.
        var buffer = new byte[256];
        if (statx(dirFd, path, flags, BasicStats, buffer) != 0) return null;
        uint uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        long size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40));
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        return new FileStatus(FileStatus.KindOf(mode), size, device, inode, uid);
    }

    private static int Retry(Func<int> call)
    {
        int result;
        do result = call();
        while (result < 0 && Marshal.GetLastPInvokeError() == Interrupted);
        return result;
    }

    private static (SafeFileHandle?, int) Opened(int fd) =>
        fd < 0 ? (null, Marshal.GetLastPInvokeError()) : (new SafeFileHandle(fd, ownsHandle: true), 0);

    /// <summary>The descriptor, kept open for the call even if the handle is disposed meanwhile on another thread
    /// (then <see cref="ObjectDisposedException"/>, never a call on a closed or reused descriptor).</summary>
    private static T With<T>(SafeFileHandle handle, Func<int, T> call)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlinkat(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int linkat(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, int flags);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
