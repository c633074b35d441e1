using Monitor.Diagnostics.Sources.OsThreads.Linux;
using Monitor.Diagnostics.Sources.OsThreads.MacOS;
using Monitor.Diagnostics.Sources.OsThreads.Windows;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>The processes below a process: children, their children and so on (e.g. the processes of a Python
/// multiprocessing pool under its worker). Each system's own answer (<see cref="LinuxProcessTree"/>,
/// <see cref="MacProcessTree"/>, 64-bit <see cref="WindowsProcessTree"/>); elsewhere the list is empty.</summary>
public static class ProcessTree
{
    /// <summary>Every living descendant of <paramref name="pid"/>, parents before their children; empty when the
    /// process has none or has gone.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (pid <= 0) return [];
        if (OperatingSystem.IsLinux()) return LinuxProcessTree.Descendants(pid);
        if (OperatingSystem.IsWindows()) return Environment.Is64BitProcess ? WindowsProcessTree.Descendants(pid) : [];
        if (OperatingSystem.IsMacOS()) return TreeWalk.BreadthFirst(pid, MacProcessTree.ChildrenOf);
        return [];
    }

    /// <summary>Whether one of <paramref name="ancestors"/> is above <paramref name="pid"/> in the tree (its parent, its
    /// parent's parent, ...); false when the process has gone, and always false on a system Monitor cannot ask.</summary>
    public static bool IsDescendantOf(int pid, IReadOnlySet<int> ancestors)
    {
        if (ancestors.Count == 0) return false;
        if (OperatingSystem.IsWindows()) return Environment.Is64BitProcess && WindowsProcessTree.IsDescendantOf(pid, ancestors);
        Func<int, int?>? parentOf = OperatingSystem.IsLinux() ? LinuxProcessTree.ParentOf
            : OperatingSystem.IsMacOS() ? MacProcessTree.ParentOf
            : null;
        if (parentOf is null) return false;
        // Bounded: a pid reused while we walk could in theory make a loop.
        for (int hops = 0, p = pid; hops < 64 && parentOf(p) is int parent and > 1; hops++, p = parent)
        {
            if (ancestors.Contains(parent)) return true;
        }
        return false;
    }
}
