using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>Who a process runs as, from /proc (Linux) or libproc (macOS): its diagnostic socket is only open to that
/// user (and root).</summary>
public static class ProcessOwner
{
    /// <summary>The effective user id of <paramref name="pid"/>, or null when it cannot be read (neither Linux nor
    /// macOS, gone, or on macOS another user's process that may not be looked at).</summary>
    public static int? EffectiveUid(int pid) =>
        OperatingSystem.IsMacOS() ? (int?)BsdShortInfo.Of(pid)?.EffectiveUid : ReadEffectiveUid($"/proc/{pid}/status");

    public static int? Current() => OperatingSystem.IsMacOS() ? EffectiveUid(Environment.ProcessId) : ReadEffectiveUid("/proc/self/status");

    /// <summary>True when this process may not connect to the other one's diagnostic socket.</summary>
    public static bool IsForeign(int pid)
    {
        int? mine = Current();
        int? theirs = EffectiveUid(pid);
        return mine is not null and not 0 && theirs is not null && theirs != mine;
    }

    private static int? ReadEffectiveUid(string statusPath)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                // "Uid:\treal\teffective\tsaved\tfilesystem"
                if (!line.StartsWith("Uid:", StringComparison.Ordinal)) continue;
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 2 && int.TryParse(fields[2], out int uid) ? uid : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
