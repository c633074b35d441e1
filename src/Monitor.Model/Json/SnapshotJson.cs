using System.Text.Json;

namespace Monitor.Model;

/// <summary>Writes a snapshot as its <see cref="SnapshotLine"/> object and reads one back for replay.</summary>
public static class SnapshotJson
{
    /// <summary>The whole <c>{"type":"snapshot",...}</c> object.</summary>
    public static void Write(Utf8JsonWriter w, Snapshot s) => JsonSerializer.Serialize(w, SnapshotLine.Of(s), MonitorJsonContext.Default.SnapshotLine);

    /// <summary>Parses one line; throws <see cref="FormatException"/> when it is not a snapshot object.</summary>
    public static Snapshot Parse(string line) =>
        JsonLine.Parse(line, MonitorJsonContext.Default.SnapshotLine, "a snapshot") is { Type: SnapshotLine.SnapshotType } snapshot
            ? snapshot.ToSnapshot()
            : throw new FormatException("not a snapshot object");
}
