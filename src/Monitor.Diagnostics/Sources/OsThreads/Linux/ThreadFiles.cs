using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>
/// The /proc files of one thread, kept open between samples (re-reading an open file costs half of opening it
/// again), and its name. A descriptor is -1 when the file is read by path instead (the descriptor budget was spent,
/// or the kernel has no schedstat). The descriptors refer to this very thread: once it ends they fail with ESRCH,
/// even if its tid is reused.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ThreadFiles(int tid)
{
    public int Tid { get; } = tid;
    public int Stat { get; set; } = -1;
    public int Schedstat { get; set; } = -1;
    public int Status { get; set; } = -1;
    public long LastSeen { get; set; }
    public CachedName Name { get; } = new();

    public int OpenCount => (Stat >= 0 ? 1 : 0) + (Schedstat >= 0 ? 1 : 0) + (Status >= 0 ? 1 : 0);

    /// <summary>Closes what is open; the count closed.</summary>
    public int Close()
    {
        int closed = OpenCount;
        if (Stat >= 0) NativeFiles.Close(Stat);
        if (Schedstat >= 0) NativeFiles.Close(Schedstat);
        if (Status >= 0) NativeFiles.Close(Status);
        Stat = Schedstat = Status = -1;
        return closed;
    }
}
