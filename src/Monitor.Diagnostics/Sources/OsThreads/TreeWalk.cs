namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>A process tree walked from the top, whatever system says who is whose child.</summary>
internal static class TreeWalk
{
    /// <summary>Breadth first from <paramref name="root"/>; a pid is listed once even if /proc changes under us.</summary>
    public static IReadOnlyList<int> BreadthFirst(int root, Func<int, IReadOnlyList<int>> childrenOf)
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
