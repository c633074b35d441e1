using Monitor.Workloads.Linux;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>
/// open/openat/pread/close straight from libc. The sampler reads hundreds of tiny /proc files a second; the managed
/// file APIs would cost a path string, a SafeHandle, an fstat and an flock for each, and report a thread that just
/// ended by throwing. Here a failed open or read is a return value, and the paths are built on the stack relative to
/// an open /proc/&lt;pid&gt; directory (which also can never point at a reused pid).
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class NativeFiles
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000; // O_CLOEXEC, the same value on x86-64 and arm64
    private const int Interrupted = 4; // EINTR
    private const int ClockTicksPerSecond = 2; // _SC_CLK_TCK

    /// <summary>Opens an absolute, NUL-terminated path; -1 when it does not exist (or cannot be opened).</summary>
    public static int Open(ReadOnlySpan<byte> pathZ)
    {
        fixed (byte* p = pathZ)
        {
            int fd;
            do fd = open(p, ReadOnly | CloseOnExec);
            while (fd < 0 && Marshal.GetLastPInvokeError() == Interrupted);
            return fd;
        }
    }

    /// <summary>Opens <paramref name="relativePathZ"/> (NUL-terminated) relative to the open directory
    /// <paramref name="dirFd"/>; -1 when it does not exist.</summary>
    public static int OpenAt(int dirFd, ReadOnlySpan<byte> relativePathZ)
    {
        fixed (byte* p = relativePathZ)
        {
            int fd;
            do fd = openat(dirFd, p, ReadOnly | CloseOnExec);
            while (fd < 0 && Marshal.GetLastPInvokeError() == Interrupted);
            return fd;
        }
    }

    /// <summary>Opens, reads and closes a file relative to <paramref name="dirFd"/>: see <see cref="ReadWhole"/>.</summary>
    public static int ReadAt(int dirFd, ReadOnlySpan<byte> relativePathZ, Span<byte> buffer)
    {
        int fd = OpenAt(dirFd, relativePathZ);
        if (fd < 0) return -1;
        try
        {
            return ReadWhole(fd, buffer);
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>Reads an open /proc file from its start into <paramref name="buffer"/>: the byte count, or -1 when
    /// its thread or process has ended (ESRCH). Reading from offset 0 makes the kernel generate the text afresh, so a
    /// file can stay open and be read again at every sample. A file longer than the buffer is cut.</summary>
    public static int ReadWhole(int fd, Span<byte> buffer)
    {
        int total = 0;
        fixed (byte* b = buffer)
        {
            while (total < buffer.Length)
            {
                nint n = pread(fd, b + total, buffer.Length - total, total);
                if (n == 0) break;
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Interrupted) continue;
                    return -1;
                }
                total += (int)n;
            }
        }
        return total;
    }

    public static void Close(int fd) => close(fd);

    /// <summary>Adds the numeric entry names of the directory <paramref name="relativePathZ"/> (relative to
    /// <paramref name="dirFd"/>) to <paramref name="numbers"/>, reading the entries with getdents64 into
    /// <paramref name="buffer"/>: no allocation. False when the directory is gone; throws EntryPointNotFoundException
    /// where the C library has no getdents64 (glibc before 2.30).</summary>
    public static bool ReadNumericEntries(int dirFd, ReadOnlySpan<byte> relativePathZ, Span<byte> buffer, List<int> numbers)
    {
        int fd = OpenAt(dirFd, relativePathZ);
        if (fd < 0) return false;
        try
        {
            fixed (byte* b = buffer)
            {
                while (true)
                {
                    nint n = getdents64(fd, b, buffer.Length);
                    if (n == 0) return true;
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == Interrupted) continue;
                        return false;
                    }
                    // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                    for (int at = 0; at < n;)
                    {
                        int length = *(ushort*)(b + at + 16);
                        if (length <= 0) break;
                        int number = 0;
                        bool numeric = true;
                        for (byte* c = b + at + 19; *c != 0 && c < b + at + length; c++)
                        {
                            int digit = *c - '0';
                            if ((uint)digit > 9) { numeric = false; break; }
                            number = number * 10 + digit;
                        }
                        if (numeric && number > 0) numbers.Add(number);
                        at += length;
                    }
                }
            }
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>The kernel's clock tick (USER_HZ) for /proc's utime and stime; 100 if sysconf cannot say.</summary>
    public static int ClockTicks()
    {
        try
        {
            long ticks = sysconf(ClockTicksPerSecond);
            return ticks > 0 && ticks < 1_000_000 ? (int)ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int open(byte* path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int openat(int dirFd, byte* path, int flags);

    // off_t is the size of a pointer with glibc on every architecture .NET runs on (and the offsets are tiny).
    [LibraryImport("libc", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nint count, nint offset);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint getdents64(int fd, byte* buffer, nint count);

    [LibraryImport("libc")]
    private static partial nint sysconf(int name);
}
