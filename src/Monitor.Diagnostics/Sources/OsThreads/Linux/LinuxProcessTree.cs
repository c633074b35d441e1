using System.Globalization;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>Parents and children from /proc: the kernel's task/*/children files where it has them, else every
/// process's parent pid from /proc/*/stat.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class LinuxProcessTree
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (pid <= 0 || !Directory.Exists($"/proc/{pid}")) return [];
        return KernelListsChildren.Value ? TreeWalk.BreadthFirst(pid, ChildrenFromFiles) : DescendantsByParentScan(pid);
    }

    /// <summary>The parent pid from /proc/PID/stat; null when the process has gone.</summary>
    public static int? ParentOf(int pid)
    {
        try
        {
            return ProcText.TryParseStat(File.ReadAllBytes($"/proc/{pid}/stat"), out var fields) ? fields.ParentPid : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Asked of our own process once: asked of the watched one, a process that had just ended looked like a kernel
    // without the files, and every later snapshot read the stat file of every process on the machine.
    private static readonly Lazy<bool> KernelListsChildren =
        new(() => File.Exists($"/proc/{Environment.ProcessId}/task/{Environment.ProcessId}/children"));

    /// <summary>The same answer from every process's parent pid in /proc/*/stat: slower, but needs no
    /// task/*/children files (kernels without CONFIG_PROC_CHILDREN).</summary>
    internal static IReadOnlyList<int> DescendantsByParentScan(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int p)) continue;
            byte[] stat;
            try
            {
                stat = File.ReadAllBytes(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                continue; // ended since it was listed
            }
            if (!ProcText.TryParseStat(stat, out var fields)) continue;
            if (!children.TryGetValue(fields.ParentPid, out var list)) children[fields.ParentPid] = list = new List<int>();
            list.Add(p);
        }
        return TreeWalk.BreadthFirst(pid, p => children.TryGetValue(p, out var list) ? list : []);
    }

    /// <summary>Each thread lists the children it started, so a process's children are those of all its threads.</summary>
    private static IReadOnlyList<int> ChildrenFromFiles(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    ProcText.AddPids(File.ReadAllBytes(Path.Combine(task, "children")), children);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
                {
                    // that thread ended since the listing
                }
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException)
        {
            // the process ended
        }
        return children;
    }
}
