using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Monitor.Diagnostics.Sources.EventPipe.MacOS;

/// <summary>
/// A process's command line on macOS, from sysctl KERN_PROCARGS2: argc (i32), the executable's path and its NUL
/// padding, then argc NUL-terminated arguments (the environment follows; it is not read). macOS answers only for this
/// user's processes (or root).
/// </summary>
public static partial class ProcessArguments
{
    private const int Kernel = 1; // CTL_KERN
    private const int ArgumentsWithCount = 49; // KERN_PROCARGS2

    /// <summary>The arguments joined with spaces; null when the process has gone or may not be read.</summary>
    [SupportedOSPlatform("macos")]
    public static string? CommandLine(int pid)
    {
        Span<int> name = [Kernel, ArgumentsWithCount, pid];
        nuint size = 0;
        if (sysctl(ref MemoryMarshal.GetReference(name), 3, IntPtr.Zero, ref size, IntPtr.Zero, 0) != 0 || size == 0) return null;
        var buffer = new byte[(int)Math.Min(size, 4 * 1024 * 1024)];
        size = (nuint)buffer.Length;
        if (sysctl(ref MemoryMarshal.GetReference(name), 3, ref buffer[0], ref size, IntPtr.Zero, 0) != 0) return null;
        return Parse(buffer.AsSpan(0, (int)Math.Min(size, (nuint)buffer.Length)));
    }

    /// <summary>The arguments of a KERN_PROCARGS2 buffer joined with spaces; null when it holds none or is cut short
    /// before the first one.</summary>
    public static string? Parse(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < sizeof(int)) return null;
        int count = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        var rest = buffer[sizeof(int)..];
        int pathEnd = rest.IndexOf((byte)0);
        if (count <= 0 || pathEnd < 0) return null;
        rest = rest[pathEnd..];
        int first = rest.IndexOfAnyExcept((byte)0);
        if (first < 0) return null;
        rest = rest[first..];
        var arguments = new List<string>(count);
        while (arguments.Count < count && !rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)0);
            arguments.Add(Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return string.Join(' ', arguments);
    }

    [LibraryImport("libc")]
    private static partial int sysctl(ref int name, uint nameLength, IntPtr oldValue, ref nuint oldLength, IntPtr newValue, nuint newLength);

    [LibraryImport("libc")]
    private static partial int sysctl(ref int name, uint nameLength, ref byte oldValue, ref nuint oldLength, IntPtr newValue, nuint newLength);
}
