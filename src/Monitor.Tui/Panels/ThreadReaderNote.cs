using Monitor.Model;

namespace Monitor.Tui.Panels;

/// <summary>
/// "n/a: WAIT% BLK/s, not counted by portable": which of the threads panel's columns this system's thread reader
/// cannot fill, said once in the title rather than as zeros in every row.
/// </summary>
public static class ThreadReaderNote
{
    /// <summary>Null when every column has figures (or there are no threads yet).</summary>
    public static string? Of(Snapshot? snapshot)
    {
        if (snapshot is null || snapshot.Threads.Count == 0) return null;
        var missing = new List<string>(3);
        if (snapshot.Threads.All(t => t.Name.Length == 0)) missing.Add("NAME");
        if (snapshot.Threads.All(t => t.CpuWaitPercent is null)) missing.Add("WAIT%");
        if (snapshot.Threads.All(t => t.BlockedPerSec is null)) missing.Add("BLK/s");
        if (missing.Count == 0) return null;
        string by = snapshot.ThreadReader is { } reader ? $"not counted by the {reader.Name()} thread reader" : "not counted here";
        return $"{ThreadsPanel.NotCounted}: {string.Join(' ', missing)}, {by}";
    }
}
