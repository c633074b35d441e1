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
    public static IReadOnlySet<int> PublishedPids() => Published().Select(e => e.Pid).ToHashSet();

    /// <summary>The endpoints published now, Monitor's own left out (<see cref="DefaultDiagnosticSockets.Endpoints"/>).</summary>
    public static IReadOnlySet<DiagnosticEndpoint> Published()
    {
        var found = DefaultDiagnosticSockets.Endpoints();
        found.RemoveWhere(e => e.Pid == Environment.ProcessId);
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

    /// <summary>False for a thread id that Linux answers as if it were a process (<see cref="Linux.ProcIdentity.IsProcess"/>);
    /// true elsewhere.</summary>
    public static bool IsProcess(int pid) => !OperatingSystem.IsLinux() || Linux.ProcIdentity.IsProcess(pid);

    /// <summary>The arguments joined with spaces: Linux from /proc/PID/cmdline (NUL-separated), macOS from
    /// KERN_PROCARGS2; null elsewhere.</summary>
    public static string? CommandLine(int pid) =>
        OperatingSystem.IsLinux() ? Linux.ProcIdentity.CommandLine(pid)
        : OperatingSystem.IsMacOS() ? MacOS.ProcessArguments.CommandLine(pid)
        : null;
}
