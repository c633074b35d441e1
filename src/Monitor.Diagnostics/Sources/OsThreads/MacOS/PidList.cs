using System.Buffers.Binary;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>What proc_listpids fills: pids as 32-bit ints; unused room is zero.</summary>
public static class PidList
{
    public static List<int> Parse(ReadOnlySpan<byte> buffer, int bytesFilled)
    {
        var filled = buffer[..Math.Clamp(bytesFilled, 0, buffer.Length)];
        var pids = new List<int>(filled.Length / sizeof(int));
        for (int offset = 0; offset + sizeof(int) <= filled.Length; offset += sizeof(int))
        {
            int pid = BinaryPrimitives.ReadInt32LittleEndian(filled[offset..]);
            if (pid > 0) pids.Add(pid);
        }
        return pids;
    }
}
