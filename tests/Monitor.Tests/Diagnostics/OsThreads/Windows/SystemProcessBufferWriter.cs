using System.Buffers.Binary;
using System.Text;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

/// <summary>
/// Lays processes and threads out as NtQuerySystemInformation(SystemProcessInformation) does in a 64-bit process,
/// from the documented layout (phnt's ntexapi.h; the same offsets .NET's Process class reads), not from a recording
/// made on Windows. The offsets are written out here again, apart from the parser's, so a wrong one in either shows.
/// Each entry: the 0x100-byte process part, its threads (0x50 bytes each), then its image name (UTF-16, NUL, padded
/// to 8), as Windows places it; NextEntryOffset is the entry's length, 0 for the last.
/// </summary>
internal static class SystemProcessBufferWriter
{
    /// <summary>Where the pretend system put the buffer: image name pointers are this plus their offset.</summary>
    public const ulong BaseAddress = 0x0000_01F4_2A30_0000;

    public sealed record TableThread(
        int Tid,
        long KernelTime,
        long UserTime,
        long CreateTime,
        uint State,
        uint ContextSwitches = 0,
        uint WaitTime = 0,
        ulong StartAddress = 0,
        int Priority = 8,
        int BasePriority = 8,
        uint WaitReason = 0);

    public sealed record TableProcess(
        int Pid,
        int ParentPid,
        string? ImageName,
        long CreateTime,
        TableThread[] Threads,
        long UserTime = 0,
        long KernelTime = 0,
        long WorkingSetPrivateSize = 0,
        long PeakWorkingSetSize = 0,
        long WorkingSetSize = 0,
        long PrivatePageCount = 0,
        uint HandleCount = 0,
        uint SessionId = 1,
        int BasePriority = 8,
        long ReadOperationCount = 0,
        long WriteOperationCount = 0,
        long OtherOperationCount = 0,
        long ReadTransferCount = 0,
        long WriteTransferCount = 0,
        long OtherTransferCount = 0,
        int? DeclaredThreadCount = null);

    /// <summary>The buffer, and where each process's entry starts in it.</summary>
    public static (byte[] Buffer, int[] Offsets) Write(params TableProcess[] processes)
    {
        var buffer = new List<byte>();
        var offsets = new int[processes.Length];
        for (int p = 0; p < processes.Length; p++)
        {
            var process = processes[p];
            offsets[p] = buffer.Count;
            byte[] name = process.ImageName is null ? [] : Encoding.Unicode.GetBytes(process.ImageName + "\0");
            int nameAt = 0x100 + process.Threads.Length * 0x50;
            int length = (nameAt + name.Length + 7) / 8 * 8;
            var entry = new byte[length];
            var e = entry.AsSpan();
            U32(e, 0x00, p == processes.Length - 1 ? 0 : (uint)length);                 // NextEntryOffset
            U32(e, 0x04, (uint)(process.DeclaredThreadCount ?? process.Threads.Length)); // NumberOfThreads
            I64(e, 0x08, process.WorkingSetPrivateSize);
            U32(e, 0x10, 3);                                                             // HardFaultCount
            U32(e, 0x14, (uint)process.Threads.Length + 2);                              // NumberOfThreadsHighWatermark
            I64(e, 0x18, 987_654_321);                                                   // CycleTime
            I64(e, 0x20, process.CreateTime);
            I64(e, 0x28, process.UserTime);
            I64(e, 0x30, process.KernelTime);
            if (process.ImageName is not null)
            {
                U16(e, 0x38, (ushort)(name.Length - 2));                                 // ImageName.Length (no NUL)
                U16(e, 0x3A, (ushort)name.Length);                                       // ImageName.MaximumLength
                U64(e, 0x40, BaseAddress + (ulong)(offsets[p] + nameAt));                // ImageName.Buffer
            }
            I32(e, 0x48, process.BasePriority);
            U64(e, 0x50, (ulong)process.Pid);                                            // UniqueProcessId
            U64(e, 0x58, (ulong)process.ParentPid);                                      // InheritedFromUniqueProcessId
            U32(e, 0x60, process.HandleCount);
            U32(e, 0x64, process.SessionId);
            U64(e, 0x68, 0xDEAD);                                                        // UniqueProcessKey
            U64(e, 0x70, 1L << 40);                                                      // PeakVirtualSize
            U64(e, 0x78, 1L << 39);                                                      // VirtualSize
            U32(e, 0x80, 4242);                                                          // PageFaultCount
            I64(e, 0x88, process.PeakWorkingSetSize);
            I64(e, 0x90, process.WorkingSetSize);
            I64(e, 0x98, 11); I64(e, 0xA0, 12); I64(e, 0xA8, 13); I64(e, 0xB0, 14);     // quota pool usages
            I64(e, 0xB8, 15); I64(e, 0xC0, 16);                                          // pagefile usage, peak
            I64(e, 0xC8, process.PrivatePageCount);
            I64(e, 0xD0, process.ReadOperationCount);
            I64(e, 0xD8, process.WriteOperationCount);
            I64(e, 0xE0, process.OtherOperationCount);
            I64(e, 0xE8, process.ReadTransferCount);
            I64(e, 0xF0, process.WriteTransferCount);
            I64(e, 0xF8, process.OtherTransferCount);
            for (int t = 0; t < process.Threads.Length; t++)
            {
                var thread = process.Threads[t];
                var s = e.Slice(0x100 + t * 0x50, 0x50);
                I64(s, 0x00, thread.KernelTime);
                I64(s, 0x08, thread.UserTime);
                I64(s, 0x10, thread.CreateTime);
                U32(s, 0x18, thread.WaitTime);
                U32(s, 0x1C, 0xCCCCCCCC);                                                // padding: must not be read
                U64(s, 0x20, thread.StartAddress);
                U64(s, 0x28, (ulong)process.Pid);                                        // ClientId.UniqueProcess
                U64(s, 0x30, (ulong)thread.Tid);                                         // ClientId.UniqueThread
                I32(s, 0x38, thread.Priority);
                I32(s, 0x3C, thread.BasePriority);
                U32(s, 0x40, thread.ContextSwitches);
                U32(s, 0x44, thread.State);
                U32(s, 0x48, thread.WaitReason);
                U32(s, 0x4C, 0xCCCCCCCC);                                                // padding
            }
            name.CopyTo(e[nameAt..]);
            buffer.AddRange(entry);
        }
        return (buffer.ToArray(), offsets);
    }

    private static void U16(Span<byte> s, int at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(s[at..], value);
    private static void U32(Span<byte> s, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(s[at..], value);
    private static void I32(Span<byte> s, int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(s[at..], value);
    private static void I64(Span<byte> s, int at, long value) => BinaryPrimitives.WriteInt64LittleEndian(s[at..], value);
    private static void U64(Span<byte> s, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(s[at..], value);
}
