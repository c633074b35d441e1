using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>The parent and children of a process on macOS, from libproc (proc_listpids with PROC_PPID_ONLY, and
/// proc_bsdshortinfo's pbsi_ppid).</summary>
[SupportedOSPlatform("macos")]
internal static class MacProcessTree
{
    /// <summary>The living children of <paramref name="pid"/>; empty when it has none or has gone.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        int needed = LibProc.ListPids(LibProc.ParentOnly, (uint)pid, []);
        if (needed <= 0) return [];
        // Room for a few more: children started between the two calls would otherwise be cut off.
        var buffer = new byte[needed + 16 * sizeof(int)];
        int filled = LibProc.ListPids(LibProc.ParentOnly, (uint)pid, buffer);
        return filled > 0 ? PidList.Parse(buffer, filled) : [];
    }

    /// <summary>The parent pid; null when the process has gone or may not be read.</summary>
    public static int? ParentOf(int pid) => BsdShortInfo.Of(pid)?.ParentPid;
}
