using System.Buffers.Binary;
using System.Text;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// One thread's <c>struct proc_threadinfo</c> (xnu bsd/sys/proc_info.h), as proc_pidinfo(PROC_PIDTHREADID64INFO)
/// fills it: pth_user_time and pth_system_time (u64 at 0 and 8), eight i32 (pth_run_state the third, at 24) and
/// pth_name, 64 bytes at 48. The times are nanoseconds: xnu builds them from thread_info's seconds and microseconds
/// (fill_taskthreadinfo in osfmk/kern/bsd_kern.c), so they need no timebase.
/// </summary>
public readonly record struct MacThreadInfo(ulong UserNanoseconds, ulong SystemNanoseconds, int RunState, string Name)
{
    public const int Size = 112;
    private const int RunStateOffset = 24;
    private const int NameOffset = 48;
    private const int NameSize = 64;

    /// <summary>The reading, or null when <paramref name="buffer"/> is shorter than the struct (the thread ended
    /// between the listing and the call, and the call filled nothing).</summary>
    public static MacThreadInfo? Parse(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < Size) return null;
        return new MacThreadInfo(
            BinaryPrimitives.ReadUInt64LittleEndian(buffer),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(buffer[RunStateOffset..]),
            NulTerminated(buffer.Slice(NameOffset, NameSize)));
    }

    /// <summary>UTF-8 up to the first NUL, or the whole field when it has none (a name of exactly 64 bytes).</summary>
    public static string NulTerminated(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>The letters of Linux's ps for xnu's TH_STATE_* (R running, T stopped, S waiting, D uninterruptible);
    /// '?' for halted and anything else.</summary>
    public static char StateLetter(int runState) => runState switch
    {
        1 => 'R',
        2 => 'T',
        3 => 'S',
        4 => 'D',
        _ => '?',
    };
}
