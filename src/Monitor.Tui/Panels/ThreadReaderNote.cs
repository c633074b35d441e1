using Monitor.Model;

namespace Monitor.Tui.Panels;

/// <summary>
/// "n/a: WAIT% BLK/s, not counted by the portable thread reader": which of the threads panel's columns this system's
/// thread reader cannot fill, said once in the title rather than as zeros in every row; and "CSW/s = blocked +
/// preempted" where the BLK/s column shows every switch because the reader does not tell them apart.
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
        bool allSwitches = CountsAllSwitches(snapshot);
        if (snapshot.Threads.All(t => t.BlockedPerSec is null) && !allSwitches) missing.Add("BLK/s");
        string by = snapshot.ThreadReader is { } reader ? $"the {reader.Name()} thread reader" : "this system";
        var notes = new List<string>(2);
        if (missing.Count > 0) notes.Add($"{ThreadsPanel.NotCounted}: {string.Join(' ', missing)}, not counted by {by}");
        // Windows counts a thread's switches without saying which were waits: the column shows them all.
        if (allSwitches) notes.Add("CSW/s = blocked + preempted");
        return notes.Count == 0 ? null : string.Join("  ", notes);
    }

    /// <summary>True when the reader counts switches only all together (Windows): the BLK/s column becomes CSW/s.</summary>
    public static bool CountsAllSwitches(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Threads.Count > 0
        && snapshot.Threads.All(t => t.BlockedPerSec is null) && snapshot.Threads.Any(t => t.SwitchesPerSec is not null);
}
