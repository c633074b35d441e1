using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>Who a process runs as, from /proc (Linux) or libproc (macOS): its diagnostic socket is only open to that
/// user (and root).</summary>
public static class ProcessOwner
{
    /// <summary>The effective user id of <paramref name="pid"/>, or null when it cannot be read (neither Linux nor
    /// macOS, gone, or on macOS another user's process that may not be looked at).</summary>
    public static int? EffectiveUid(int pid) =>
        OperatingSystem.IsLinux() ? Linux.ProcIdentity.EffectiveUid($"/proc/{pid}/status")
        : OperatingSystem.IsMacOS() ? (int?)BsdShortInfo.Of(pid)?.EffectiveUid
        : null;

    public static int? Current() =>
        OperatingSystem.IsLinux() ? Linux.ProcIdentity.EffectiveUid("/proc/self/status") : EffectiveUid(Environment.ProcessId);

    /// <summary>True when this process may not connect to the other one's diagnostic socket.</summary>
    public static bool IsForeign(int pid)
    {
        int? mine = Current();
        int? theirs = EffectiveUid(pid);
        return mine is not null and not 0 && theirs is not null && theirs != mine;
    }
}
