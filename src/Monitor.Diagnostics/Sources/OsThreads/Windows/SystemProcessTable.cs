using System.Buffers.Binary;
using System.Text;
using static Monitor.Diagnostics.Sources.OsThreads.Windows.SystemProcessLayout;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Reads the buffer NtQuerySystemInformation(SystemProcessInformation) fills: a chain of process entries, each
/// followed by its threads. Pure and bounds-checked, so it runs (and is tested) anywhere: an entry that does not lie
/// wholly in the buffer, a link that leaves it, threads past its end or into the next entry are left
/// out, and what could be read is the answer. Nothing here throws on a bad buffer.
/// </summary>
internal static class SystemProcessTable
{
    /// <summary>The entry at <paramref name="offset"/>; false when it does not lie wholly in the buffer.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, int offset, out SystemProcessEntry entry)
    {
        entry = default;
        if (offset < 0 || (long)offset + ProcessSize > buffer.Length) return false;
        var e = buffer.Slice(offset, ProcessSize);
        entry = new SystemProcessEntry(
            offset,
            U32(e, NextEntryOffset),
            U32(e, NumberOfThreads),
            I64(e, WorkingSetPrivateSize),
            I64(e, CreateTime),
            I64(e, UserTime),
            I64(e, KernelTime),
            BinaryPrimitives.ReadUInt16LittleEndian(e[ImageNameLength..]),
            U64(e, ImageNameBuffer),
            I32(e, BasePriority),
            Id(e, UniqueProcessId),
            Id(e, InheritedFromUniqueProcessId),
            U32(e, HandleCount),
            U32(e, SessionId),
            Size(e, PeakWorkingSetSize),
            Size(e, WorkingSetSize),
            Size(e, PrivatePageCount),
            I64(e, ReadOperationCount),
            I64(e, WriteOperationCount),
            I64(e, OtherOperationCount),
            I64(e, ReadTransferCount),
            I64(e, WriteTransferCount),
            I64(e, OtherTransferCount));
        return true;
    }

    /// <summary>Where the entry after <paramref name="entry"/> starts; -1 when it is the last, or when its link
    /// leaves the buffer (a link can only go forward, which also rules out a loop).</summary>
    public static int NextOffset(ReadOnlySpan<byte> buffer, in SystemProcessEntry entry)
    {
        if (entry.NextEntryOffset == 0) return -1;
        long next = (long)entry.Offset + entry.NextEntryOffset;
        return next + ProcessSize <= buffer.Length ? (int)next : -1;
    }

    /// <summary>Every entry of the chain that could be read, first to last.</summary>
    public static List<SystemProcessEntry> All(ReadOnlySpan<byte> buffer)
    {
        var entries = new List<SystemProcessEntry>();
        for (int offset = 0; offset >= 0 && TryRead(buffer, offset, out var entry); offset = NextOffset(buffer, entry))
        {
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>The entry of process <paramref name="pid"/>; false when the chain (as far as it reads) has none.</summary>
    public static bool TryFind(ReadOnlySpan<byte> buffer, int pid, out SystemProcessEntry found)
    {
        for (int offset = 0; offset >= 0 && TryRead(buffer, offset, out found); offset = NextOffset(buffer, found))
        {
            if (found.ProcessId == pid) return true;
        }
        found = default;
        return false;
    }

    /// <summary>How many of the entry's threads lie in the buffer: at most its NumberOfThreads, none of them past
    /// the buffer's end or into the next entry.</summary>
    public static int ThreadCount(ReadOnlySpan<byte> buffer, in SystemProcessEntry entry)
    {
        long start = (long)entry.Offset + ProcessSize;
        long next = (long)entry.Offset + entry.NextEntryOffset;
        long limit = entry.NextEntryOffset != 0 && next <= buffer.Length ? next : buffer.Length;
        if (limit <= start) return 0;
        return (int)Math.Min(entry.NumberOfThreads, (limit - start) / ThreadSize);
    }

    /// <summary>Thread <paramref name="index"/> of the entry; index below <see cref="ThreadCount"/>.</summary>
    public static SystemThreadEntry Thread(ReadOnlySpan<byte> buffer, in SystemProcessEntry entry, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ThreadCount(buffer, entry));
        var t = buffer.Slice(entry.Offset + ProcessSize + index * ThreadSize, ThreadSize);
        return new SystemThreadEntry(
            I64(t, ThreadKernelTime),
            I64(t, ThreadUserTime),
            I64(t, ThreadCreateTime),
            U32(t, ThreadWaitTime),
            U64(t, ThreadStartAddress),
            Id(t, ThreadUniqueProcess),
            Id(t, ThreadUniqueThread),
            I32(t, SystemProcessLayout.ThreadPriority),
            I32(t, ThreadBasePriority),
            U32(t, ThreadContextSwitches),
            (KThreadState)U32(t, SystemProcessLayout.ThreadState),
            U32(t, ThreadWaitReason));
    }

    /// <summary>The entry's image name ("app.exe"). Its UNICODE_STRING points into the buffer, which was at
    /// <paramref name="bufferAddress"/> when it was filled; empty when there is none (the idle process) or it does
    /// not lie in the buffer.</summary>
    public static string ImageName(ReadOnlySpan<byte> buffer, ulong bufferAddress, in SystemProcessEntry entry)
    {
        if (entry.ImageNameAddress < bufferAddress || entry.ImageNameLength < 2) return string.Empty;
        ulong offset = entry.ImageNameAddress - bufferAddress;
        int length = entry.ImageNameLength & ~1; // UTF-16: whole characters only
        if (offset + (ulong)length > (ulong)buffer.Length) return string.Empty;
        return Encoding.Unicode.GetString(buffer.Slice((int)offset, length));
    }

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);
    private static int I32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
    private static long I64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt64LittleEndian(s[at..]);
    private static ulong U64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    /// <summary>A SIZE_T as a long; a value past long's range can only come from a corrupt entry.</summary>
    private static long Size(ReadOnlySpan<byte> s, int at) => (long)Math.Min(U64(s, at), long.MaxValue);

    /// <summary>A process or thread id kept in a HANDLE-sized field. Ids are DWORDs; anything larger is corrupt: -1.</summary>
    private static int Id(ReadOnlySpan<byte> s, int at) => U64(s, at) is var id and <= int.MaxValue ? (int)id : -1;
}
