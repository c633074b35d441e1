namespace Monitor.Workloads;

/// <summary>What each chunk of the sum does besides adding.</summary>
public enum WorkKind
{
    /// <summary>The pure loop.</summary>
    Cpu,
    /// <summary>Each chunk also blocks on simulated I/O; the GIL is released while blocked.</summary>
    Io,
}

public static class WorkKindNames
{
    public static string Name(this WorkKind work) => work.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out WorkKind work)
    {
        foreach (var w in Enum.GetValues<WorkKind>())
        {
            if (string.Equals(w.Name(), text, StringComparison.OrdinalIgnoreCase)) { work = w; return true; }
        }
        work = default;
        return false;
    }
}
