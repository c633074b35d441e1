using Monitor.Workloads.Linux;
using Monitor.Workloads.MacOS;

namespace Monitor.Workloads;

/// <summary>A path's status, the effective uid and mkdir on the systems where Monitor can read them (Linux through
/// statx, macOS through lstat); what the cleanup of dead Monitors' directories needs. Elsewhere nothing.</summary>
public static class FileStatuses
{
    public static bool Available => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>The status of <paramref name="path"/> itself (a link not followed); null when it cannot be read.</summary>
    public static FileStatus? Of(string path)
    {
        if (OperatingSystem.IsLinux()) return PosixFiles.StatusOf(path);
        if (OperatingSystem.IsMacOS()) return MacFiles.StatusOf(path);
        return null;
    }

    public static uint? EffectiveUid()
    {
        if (OperatingSystem.IsLinux()) return PosixFiles.EffectiveUid();
        if (OperatingSystem.IsMacOS()) return MacFiles.EffectiveUid();
        return null;
    }

    /// <summary>mkdir(2); the errno (<see cref="Errno.Exists"/> for anything already there), or 0.</summary>
    public static int MakeDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsLinux()) return PosixFiles.MakeDirectory(path, mode);
        if (OperatingSystem.IsMacOS()) return MacFiles.MakeDirectory(path, mode);
        throw new PlatformNotSupportedException("mkdir without following links needs Linux or macOS");
    }
}
