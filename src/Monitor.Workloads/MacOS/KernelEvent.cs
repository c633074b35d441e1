using System.Runtime.InteropServices;

namespace Monitor.Workloads.MacOS;

/// <summary>
/// macOS's <c>struct kevent</c> for 64-bit processes (sys/event.h): ident (uintptr_t) at 0, filter (int16) at 8,
/// flags (uint16) at 10, fflags (uint32) at 12, data (intptr_t) at 16, udata (void*) at 24; 32 bytes. The
/// constants are the ones a watch on another process's exit needs.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct KernelEvent
{
    public const short ProcessFilter = -5; // EVFILT_PROC
    public const ushort Add = 0x1; // EV_ADD
    public const ushort Enable = 0x4; // EV_ENABLE
    public const ushort OneShot = 0x10; // EV_ONESHOT
    public const ushort Error = 0x4000; // EV_ERROR: data holds the errno
    public const uint ProcessExit = 0x80000000; // NOTE_EXIT

    public nuint Ident;
    public short Filter;
    public ushort Flags;
    public uint FilterFlags;
    public nint Data;
    public nint UserData;

    /// <summary>A one-shot watch for the exit of <paramref name="pid"/>.</summary>
    public static KernelEvent ExitOf(int pid) => new()
    {
        Ident = (nuint)pid,
        Filter = ProcessFilter,
        Flags = Add | Enable | OneShot,
        FilterFlags = ProcessExit,
    };

    /// <summary>Whether a returned event says the watched process exited.</summary>
    public readonly bool IsExit => Filter == ProcessFilter && (Flags & Error) == 0 && (FilterFlags & ProcessExit) != 0;
}
