using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Workloads.MacOS;

/// <summary>
/// The few file calls Monitor's cleanup needs on macOS: a path's own status (lstat, a link not followed), mkdir and the
/// effective uid. lstat is bound by name at run time: on x86-64 the plain symbol is the old 32-bit-inode layout and
/// the 144-byte one is "lstat$INODE64"; arm64 has only the latter, under the plain name.
/// </summary>
[SupportedOSPlatform("macos")]
public static unsafe partial class MacFiles
{
    private static readonly delegate* unmanaged<byte*, byte*, int> LStat = BindLStat();

    /// <summary>The status of <paramref name="path"/> itself; null when it cannot be read (it does not exist).</summary>
    public static FileStatus? StatusOf(string path)
    {
        if (LStat == null) return null;
        byte[] name = [.. System.Text.Encoding.UTF8.GetBytes(path), 0];
        Span<byte> buffer = stackalloc byte[MacFileStatus.Size];
        fixed (byte* p = name)
        fixed (byte* b = buffer)
        {
            if (LStat(p, b) != 0) return null;
        }
        return MacFileStatus.Parse(buffer);
    }

    /// <summary>mkdir(2): a new directory, never one already there (EEXIST, 17 on macOS too); the errno, or 0.</summary>
    public static int MakeDirectory(string path, UnixFileMode mode) =>
        mkdir(path, (ushort)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static uint EffectiveUid() => geteuid();

    private static delegate* unmanaged<byte*, byte*, int> BindLStat()
    {
        string symbol = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "lstat$INODE64" : "lstat";
        foreach (var library in new[] { "libc", "/usr/lib/libSystem.B.dylib" })
        {
            if (NativeLibrary.TryLoad(library, typeof(MacFiles).Assembly, null, out var handle)
                && NativeLibrary.TryGetExport(handle, symbol, out var address))
            {
                return (delegate* unmanaged<byte*, byte*, int>)address;
            }
        }
        return null;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdir(string path, ushort mode);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
