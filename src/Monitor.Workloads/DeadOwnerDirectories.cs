using System.Globalization;

namespace Monitor.Workloads;

/// <summary>
/// Monitor names the directories it makes for itself after its own pid (<c>monitor-PID-XXXXXX</c> for its private
/// sockets, <c>monitor-convert-PID-XXXXXX</c> for a conversion's scratch files). A Monitor killed with SIGKILL
/// cannot remove its own; the next Monitor that makes one removes those whose owner is gone. Only a real directory
/// (not a link) of this user, named exactly so, whose process no longer lives, and holding nothing but the kind of
/// file Monitor puts there, is removed: anything else is left alone. Linux and macOS (elsewhere nothing is removed; on
/// Windows Monitor makes no socket directories at all, its diagnostic ports being named pipes).
/// </summary>
public static class DeadOwnerDirectories
{
    /// <summary>Removes the directories in <paramref name="parent"/> named <paramref name="prefix"/>PID-... of pids
    /// that no longer live. Returns the pids whose directory went.</summary>
    /// <param name="holds">the kind of entry such a directory may hold (sockets, or regular files).</param>
    public static IReadOnlyList<int> Sweep(string parent, string prefix, FileKind holds)
    {
        var removed = new List<int>();
        if (FileStatuses.EffectiveUid() is not { } me) return removed;
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(parent, prefix + "*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }
        foreach (var directory in candidates)
        {
            if (OwnerOf(Path.GetFileName(directory), prefix) is not { } pid || pid == Environment.ProcessId) continue;
            if (FileStatuses.Of(directory) is not { Kind: FileKind.Directory } status || status.Uid != me) continue;
            if (ProcessLiveness.IsAlive(pid)) continue;
            if (TryRemove(directory, holds)) removed.Add(pid);
        }
        return removed;
    }

    /// <summary>PID from "PREFIX" + digits + "-" + a suffix; null for any other name.</summary>
    public static int? OwnerOf(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        int dash = name.IndexOf('-', prefix.Length);
        if (dash <= prefix.Length || dash == name.Length - 1) return null;
        var digits = name.AsSpan(prefix.Length, dash - prefix.Length);
        foreach (char c in digits) if (c is < '0' or > '9') return null;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
    }

    private static bool TryRemove(string directory, FileKind holds)
    {
        try
        {
            var entries = Directory.GetFileSystemEntries(directory);
            // Something Monitor would not have put there: not ours to judge.
            if (entries.Any(e => FileStatuses.Of(e) is not { } s || s.Kind != holds)) return false;
            foreach (var entry in entries) File.Delete(entry);
            Directory.Delete(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed by another Monitor meanwhile, or not ours after all.
            return false;
        }
    }
}
