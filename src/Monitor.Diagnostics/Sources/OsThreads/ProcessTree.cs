using System.Globalization;
using Monitor.Diagnostics.Sources.OsThreads.Linux;
using Monitor.Diagnostics.Sources.OsThreads.MacOS;
using Monitor.Diagnostics.Sources.OsThreads.Windows;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>The processes below a process: children, their children and so on (e.g. the processes of a Python
/// multiprocessing pool under its worker). Linux, macOS (<see cref="MacProcessTree"/>) and 64-bit Windows
/// (<see cref="WindowsProcessTree"/>); elsewhere the list is empty.</summary>
public static class ProcessTree
{
    /// <summary>Every living descendant of <paramref name="pid"/>, parents before their children; empty when the
    /// process has none or has gone.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (OperatingSystem.IsWindows()) return pid > 0 && Environment.Is64BitProcess ? WindowsProcessTree.Descendants(pid) : [];
        if (OperatingSystem.IsMacOS()) return pid > 0 ? Walk(pid, MacProcessTree.ChildrenOf) : [];
        if (!OperatingSystem.IsLinux() || pid <= 0 || !Directory.Exists($"/proc/{pid}")) return [];
        return KernelListsChildren.Value ? Walk(pid, ChildrenFromFiles) : DescendantsByParentScan(pid);
    }

    /// <summary>Whether one of <paramref name="ancestors"/> is above <paramref name="pid"/> in the tree (its parent, its
    /// parent's parent, ...); false when the process has gone, and always false outside Linux, macOS and Windows.</summary>
    public static bool IsDescendantOf(int pid, IReadOnlySet<int> ancestors)
    {
        if (OperatingSystem.IsWindows())
        {
            return ancestors.Count > 0 && Environment.Is64BitProcess && WindowsProcessTree.IsDescendantOf(pid, ancestors);
        }
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || ancestors.Count == 0) return false;
        // Bounded: a pid reused while we walk could in theory make a loop.
        for (int hops = 0, p = pid; hops < 64 && ParentOf(p) is int parent and > 1; hops++, p = parent)
        {
            if (ancestors.Contains(parent)) return true;
        }
        return false;
    }

    /// <summary>The parent pid from /proc/PID/stat (macOS: libproc); null when the process has gone.</summary>
    private static int? ParentOf(int pid)
    {
        if (OperatingSystem.IsMacOS()) return MacProcessTree.ParentOf(pid);
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
        return Walk(pid, p => children.TryGetValue(p, out var list) ? list : []);
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

    /// <summary>Breadth first from <paramref name="root"/>; a pid is listed once even if /proc changes under us.</summary>
    private static IReadOnlyList<int> Walk(int root, Func<int, IReadOnlyList<int>> childrenOf)
    {
        var found = new List<int>();
        var seen = new HashSet<int> { root };
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out int parent))
        {
            foreach (int child in childrenOf(parent))
            {
                if (!seen.Add(child)) continue;
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }
}
