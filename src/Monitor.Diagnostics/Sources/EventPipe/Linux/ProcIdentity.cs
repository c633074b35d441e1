namespace Monitor.Diagnostics.Sources.EventPipe.Linux;

/// <summary>Who and what a process is, from /proc/PID/status and /proc/PID/cmdline.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ProcIdentity
{
    /// <summary>The effective user id in a status file ("Uid:\treal\teffective\tsaved\tfilesystem"); null when it
    /// cannot be read.</summary>
    public static int? EffectiveUid(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
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

    /// <summary>False for a thread id: Linux answers /proc/TID of any thread as if it were a process, so a socket left
    /// behind by a killed process whose pid is now a thread of another would list that thread (by its thread name).</summary>
    public static bool IsProcess(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Tgid:", StringComparison.Ordinal)) return int.TryParse(line.AsSpan(5).Trim(), out int group) && group == pid;
            }
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The arguments of /proc/PID/cmdline (NUL-separated) joined with spaces; null when unreadable.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            string raw = File.ReadAllText($"/proc/{pid}/cmdline");
            string line = raw.TrimEnd('\0').Replace('\0', ' ');
            return line.Length == 0 ? null : line;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
