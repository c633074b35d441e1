using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Fills one reusable buffer with the system process table, one NtQuerySystemInformation call per reading (more only
/// when the table has outgrown the buffer). The buffer lives on the pinned heap: the table's image names point into
/// it, and its address stays what it was when it was filled. Not thread-safe.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class SystemProcessQuery
{
    // A desktop's table (~300 processes, ~4000 threads) takes ~450 KB; each growth leaves room for new ones.
    private const int InitialBytes = 512 * 1024;
    private const int Headroom = 64 * 1024;
    private const int MaxAttempts = 8;

    private long[] _buffer = Allocate(InitialBytes);

    /// <summary>The filled part of the buffer, and the address it had when the system filled it.</summary>
    public unsafe ReadOnlySpan<byte> Read(out ulong bufferAddress)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var bytes = MemoryMarshal.AsBytes(_buffer.AsSpan());
            uint needed = 0;
            int status;
            fixed (byte* start = bytes)
            {
                status = WindowsNative.NtQuerySystemInformation(
                    WindowsNative.SystemProcessInformation, start, (uint)bytes.Length, &needed);
                bufferAddress = (ulong)start;
            }
            if (status >= 0) return bytes[..(int)Math.Min(needed == 0 ? (uint)bytes.Length : needed, (uint)bytes.Length)];
            if (status != WindowsNative.StatusInfoLengthMismatch)
            {
                throw new InvalidOperationException($"NtQuerySystemInformation(SystemProcessInformation) failed: NTSTATUS 0x{status:X8}");
            }
            long grown = Math.Max((long)needed + Headroom, (long)bytes.Length * 2);
            _buffer = Allocate((int)Math.Min(grown, Array.MaxLength));
        }
        throw new InvalidOperationException("The system process table kept outgrowing its buffer.");
    }

    private static long[] Allocate(int bytes) => GC.AllocateUninitializedArray<long>((bytes + 7) / 8, pinned: true);
}
