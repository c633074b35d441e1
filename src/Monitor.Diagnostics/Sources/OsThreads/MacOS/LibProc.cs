using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// libproc's calls (xnu bsd/sys/proc_info.h, libproc.h). They live in libSystem; "/usr/lib/libproc.dylib" is the name
/// .NET's own Process class binds them by (Interop.Libraries.libproc), resolved by dyld from its shared cache.
/// </summary>
[SupportedOSPlatform("macos")]
internal static partial class LibProc
{
    private const string Library = "/usr/lib/libproc.dylib";

    public const int TaskInfo = 4; // PROC_PIDTASKINFO
    public const int ShortBsdInfo = 13; // PROC_PIDT_SHORTBSDINFO
    public const int ThreadId64Info = 15; // PROC_PIDTHREADID64INFO: arg is a thread's 64-bit id
    public const int ListThreadIds = 28; // PROC_PIDLISTTHREADIDS: the 64-bit ids, not the pthread handles of PROC_PIDLISTTHREADS
    public const uint ParentOnly = 6; // PROC_PPID_ONLY, for proc_listpids

    /// <summary>The bytes filled; 0 or less when the process (or thread) has gone or may not be read.</summary>
    public static int PidInfo(int pid, int flavor, ulong argument, Span<byte> buffer) =>
        proc_pidinfo(pid, flavor, argument, ref MemoryMarshal.GetReference(buffer), buffer.Length);

    /// <summary>The name's length in bytes (not NUL-terminated past it); 0 or less on failure.</summary>
    public static int Name(int pid, Span<byte> buffer) =>
        proc_name(pid, ref MemoryMarshal.GetReference(buffer), (uint)buffer.Length);

    /// <summary>0 on success.</summary>
    public static int ResourceUsage(int pid, int flavor, Span<byte> buffer) =>
        proc_pid_rusage(pid, flavor, ref MemoryMarshal.GetReference(buffer));

    /// <summary>The bytes filled with pids; the bytes needed when <paramref name="buffer"/> is empty.</summary>
    public static int ListPids(uint type, uint typeInfo, Span<byte> buffer) =>
        buffer.IsEmpty
            ? proc_listpids(type, typeInfo, IntPtr.Zero, 0)
            : proc_listpids(type, typeInfo, ref MemoryMarshal.GetReference(buffer), buffer.Length);

    [LibraryImport(Library)]
    private static partial int proc_pidinfo(int pid, int flavor, ulong arg, ref byte buffer, int bufferSize);

    [LibraryImport(Library)]
    private static partial int proc_name(int pid, ref byte buffer, uint bufferSize);

    [LibraryImport(Library)]
    private static partial int proc_pid_rusage(int pid, int flavor, ref byte buffer);

    [LibraryImport(Library)]
    private static partial int proc_listpids(uint type, uint typeInfo, ref byte buffer, int bufferSize);

    [LibraryImport(Library)]
    private static partial int proc_listpids(uint type, uint typeInfo, IntPtr buffer, int bufferSize);
}
