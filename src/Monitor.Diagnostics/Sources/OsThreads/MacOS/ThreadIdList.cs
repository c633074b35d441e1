using System.Buffers.Binary;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>What proc_pidinfo(PROC_PIDLISTTHREADIDS) fills: the 64-bit ids of a process's threads (the ids
/// pthread_threadid_np gives and EventPipe reports), one after the other in the machine's (little-endian) order.</summary>
public static class ThreadIdList
{
    public const int EntrySize = sizeof(ulong);

    /// <summary>The ids in the first <paramref name="bytesFilled"/> bytes of <paramref name="buffer"/>, added to
    /// <paramref name="ids"/>; a trailing partial entry and zero entries (unused room) are left out.</summary>
    public static void Parse(ReadOnlySpan<byte> buffer, int bytesFilled, List<ulong> ids)
    {
        var filled = buffer[..Math.Clamp(bytesFilled, 0, buffer.Length)];
        for (int offset = 0; offset + EntrySize <= filled.Length; offset += EntrySize)
        {
            ulong id = BinaryPrimitives.ReadUInt64LittleEndian(filled[offset..]);
            if (id != 0) ids.Add(id);
        }
    }
}
