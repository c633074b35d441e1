using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary><see cref="ProcessTree"/> on Windows: the links of one fresh read of the system process table.</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsProcessTree
{
    private static readonly Lock QueryLock = new();
    private static SystemProcessQuery? _query;

    public static IReadOnlyList<int> Descendants(int pid) => ReadLinks().Descendants(pid);

    public static bool IsDescendantOf(int pid, IReadOnlySet<int> ancestors) => ReadLinks().IsDescendantOf(pid, ancestors);

    private static ProcessLinks ReadLinks()
    {
        lock (QueryLock)
        {
            _query ??= new SystemProcessQuery();
            return ProcessLinks.Of(_query.Read(out _));
        }
    }
}
