using System.Text.Json;

namespace Monitor.Tests.Reliability;

/// <summary>What an `attach --json` snapshot line says of each process: which pids it lists, which exited, and which
/// have threads in it.</summary>
public sealed record SnapshotJson(IReadOnlySet<int> Processes, IReadOnlySet<int> Exited, IReadOnlySet<int> WithThreads)
{
    /// <summary>The line read as a snapshot; null for any other line.</summary>
    public static SnapshotJson? Read(string line)
    {
        if (!line.Contains("\"type\":\"snapshot\"", StringComparison.Ordinal)) return null;
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var processes = root.GetProperty("processes").EnumerateArray().ToArray();
        return new SnapshotJson(
            processes.Select(p => p.GetProperty("pid").GetInt32()).ToHashSet(),
            processes.Where(p => p.TryGetProperty("exited", out var e) && e.GetBoolean()).Select(p => p.GetProperty("pid").GetInt32()).ToHashSet(),
            root.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("pid").GetInt32()).ToHashSet());
    }

    /// <summary>Whether the line is a snapshot that satisfies <paramref name="condition"/>.</summary>
    public static bool Is(string line, Func<SnapshotJson, bool> condition) => Read(line) is { } s && condition(s);
}
