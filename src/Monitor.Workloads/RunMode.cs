namespace Monitor.Workloads;

/// <summary>The four ways of running the same sum.</summary>
public enum RunMode
{
    /// <summary>One worker thread in one worker process.</summary>
    Single,
    /// <summary>K worker threads in one worker process.</summary>
    Threads,
    /// <summary>K worker processes with one worker thread each.</summary>
    Processes,
    /// <summary>K worker threads in one process that must hold one global lock to compute (CPython's GIL).</summary>
    Gil,
}

public static class RunModeNames
{
    public static string Name(this RunMode mode) => mode.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out RunMode mode)
    {
        foreach (var m in Enum.GetValues<RunMode>())
        {
            if (string.Equals(m.Name(), text, StringComparison.OrdinalIgnoreCase)) { mode = m; return true; }
        }
        mode = default;
        return false;
    }
}
