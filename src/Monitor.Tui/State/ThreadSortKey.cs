namespace Monitor.Tui.State;

/// <summary>The column the threads panel is sorted by.</summary>
public enum ThreadSortKey { Cpu, Wait, Blocked, Name, Tid }

public static class ThreadSortKeys
{
    /// <summary>As the column's title says it.</summary>
    public static string Word(this ThreadSortKey key) => key switch
    {
        ThreadSortKey.Cpu => "CPU%",
        ThreadSortKey.Wait => "WAIT%",
        ThreadSortKey.Blocked => "BLK/s",
        ThreadSortKey.Name => "NAME",
        _ => "TID",
    };

    /// <summary>Figures put the busiest first, as top does; names and tids read in their own order.</summary>
    public static bool DescendsByDefault(this ThreadSortKey key) => key is ThreadSortKey.Cpu or ThreadSortKey.Wait or ThreadSortKey.Blocked;
}
