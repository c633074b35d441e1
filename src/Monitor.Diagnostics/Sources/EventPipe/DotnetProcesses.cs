using System.Diagnostics;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>The .NET processes that publish a diagnostic socket, i.e. what `monitor attach` can watch.</summary>
public static class DotnetProcesses
{
    /// <summary>By pid, without Monitor itself; processes that end while being listed are left out, and so are other
    /// users' (their diagnostic sockets are open to their owner and root only: attach would refuse them).</summary>
    public static IReadOnlyList<DotnetProcessInfo> List()
    {
        var found = new SortedSet<int>(PublishedPids());
        var list = new List<DotnetProcessInfo>(found.Count);
        foreach (int pid in found)
        {
            if (ProcessOwner.IsForeign(pid)) continue;
            if (Describe(pid) is { } info) list.Add(info);
        }
        return list;
    }

    /// <summary>The pids that publish a diagnostic socket now, Monitor itself left out (cheaper than
    /// <see cref="List"/>: nothing is read of each process).</summary>
    public static IReadOnlySet<int> PublishedPids()
    {
        var found = DefaultDiagnosticSockets.Pids();
        found.Remove(Environment.ProcessId);
        return found;
    }

    /// <summary>One process as <see cref="List"/> gives it; null when it has gone or cannot be read.</summary>
    public static DotnetProcessInfo? Describe(int pid)
    {
        if (!IsProcess(pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            string name = process.ProcessName;
            string commandLine = CommandLine(pid) ?? name;
            return process.HasExited ? null : new DotnetProcessInfo(pid, name, commandLine);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>False for a thread id: Linux answers /proc/TID of any thread as if it were a process, so a socket left
    /// behind by a killed process whose pid is now a thread of another would list that thread (by its thread name).
    /// True elsewhere.</summary>
    public static bool IsProcess(int pid)
    {
        if (!OperatingSystem.IsLinux()) return true;
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

    /// <summary>The arguments joined with spaces: Linux from /proc/PID/cmdline (NUL-separated), macOS from
    /// KERN_PROCARGS2; null elsewhere.</summary>
    public static string? CommandLine(int pid)
    {
        if (OperatingSystem.IsMacOS()) return MacOS.ProcessArguments.CommandLine(pid);
        if (!OperatingSystem.IsLinux()) return null;
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
