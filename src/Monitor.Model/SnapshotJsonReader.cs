using System.Globalization;
using System.Text.Json;

namespace Monitor.Model;

/// <summary>
/// Reads back a snapshot written by <see cref="SnapshotJson"/> (a line of a recording's snapshots.jsonl), so a replay
/// shows the panels a live run showed. Values come back as rounded as they were written.
/// </summary>
public static class SnapshotJsonReader
{
    /// <summary>Parses one line; throws <see cref="FormatException"/> when it is not a snapshot object.</summary>
    public static Snapshot Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"not a snapshot: {e.Message}", e);
        }
    }

    public static Snapshot Read(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object || String(s, "type") != "snapshot") throw new FormatException("not a snapshot object");
        var time = s.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture)
            : DateTimeOffset.MinValue;
        return new Snapshot(
            time,
            s.GetProperty("t").GetDouble(),
            s.GetProperty("intervalSec").GetDouble(),
            s.TryGetProperty("workload", out var w) ? ReadWorkload(w) : null,
            s.GetProperty("processes").EnumerateArray().Select(ReadProcess).ToArray(),
            s.GetProperty("threads").EnumerateArray().Select(ReadThread).ToArray(),
            ReadContention(s.GetProperty("contention")),
            ReadTotals(s.GetProperty("totals")));
    }

    private static WorkloadInfo ReadWorkload(JsonElement w) => new(
        Words.TryParse<RunMode>(String(w, "mode"), out var mode) ? mode : null,
        Words.TryParse<WorkKind>(String(w, "work"), out var work) ? work : null,
        Words.TryParse<WorkerRuntime>(String(w, "runtime"), out var runtime) ? runtime : WorkerRuntime.Dotnet,
        w.GetProperty("workers").GetInt32(),
        w.GetProperty("n").GetInt64(),
        w.GetProperty("elapsedSec").GetDouble(),
        w.GetProperty("iterations").GetInt64(),
        w.GetProperty("finished").GetBoolean());

    private static ProcessSample ReadProcess(JsonElement p) => new(
        p.GetProperty("pid").GetInt32(),
        String(p, "name") ?? "",
        Enum.Parse<ProcessRole>(String(p, "role") ?? "", ignoreCase: true),
        p.GetProperty("workingSetBytes").GetInt64(),
        p.GetProperty("peakWorkingSetBytes").GetInt64(),
        p.TryGetProperty("gcHeapBytes", out var heap) ? heap.GetInt64() : null,
        p.TryGetProperty("gcCount", out var gc) ? gc.GetInt32() : null,
        p.GetProperty("cpuPercent").GetDouble(),
        p.TryGetProperty("cpuMs", out var cpu) ? cpu.GetDouble() : 0,
        p.GetProperty("threadCount").GetInt32(),
        p.TryGetProperty("exited", out var exited) && exited.GetBoolean(),
        String(p, "diagnosticsStatus"));

    private static ThreadSample ReadThread(JsonElement t) => new(
        t.GetProperty("pid").GetInt32(),
        t.GetProperty("tid").GetInt32(),
        String(t, "name") ?? "",
        Enum.Parse<ThreadRole>(String(t, "role") ?? "", ignoreCase: true),
        t.TryGetProperty("worker", out var worker) ? worker.GetInt32() : null,
        t.GetProperty("cpuPercent").GetDouble(),
        t.GetProperty("userPercent").GetDouble(),
        t.GetProperty("systemPercent").GetDouble(),
        t.GetProperty("cpuWaitPercent").GetDouble(),
        t.GetProperty("blockedPerSec").GetDouble(),
        t.GetProperty("preemptedPerSec").GetDouble(),
        t.TryGetProperty("iterationsPerSec", out var rate) ? rate.GetDouble() : null,
        t.GetProperty("cpuMs").GetDouble(),
        String(t, "state") is [var state] ? state : '?');

    private static ContentionSample ReadContention(JsonElement c) => new(
        c.GetProperty("count").GetInt64(),
        c.GetProperty("waitMs").GetDouble(),
        c.GetProperty("locks").EnumerateArray().Select(l => new LockSample(
            l.GetProperty("pid").GetInt32(),
            ulong.Parse((String(l, "lockId") ?? "").Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            l.GetProperty("waits").GetInt64(),
            l.GetProperty("waitMs").GetDouble(),
            l.TryGetProperty("ownerTid", out var owner) ? owner.GetInt32() : null,
            l.GetProperty("waiterTids").EnumerateArray().Select(x => x.GetInt32()).ToArray())).ToArray());

    private static Totals ReadTotals(JsonElement t) => new(
        t.GetProperty("cpuPercent").GetDouble(),
        t.GetProperty("workingSetBytes").GetInt64(),
        t.GetProperty("gcHeapBytes").GetInt64(),
        t.GetProperty("iterationsPerSec").GetDouble(),
        t.GetProperty("progress").GetDouble(),
        t.TryGetProperty("effectiveParallelism", out var ep) ? ep.GetDouble() : null,
        t.GetProperty("contentionCount").GetInt64(),
        t.GetProperty("contentionWaitMs").GetDouble(),
        t.GetProperty("gcCount").GetInt32(),
        t.TryGetProperty("cpuMs", out var cpu) ? cpu.GetDouble() : 0,
        t.TryGetProperty("otherCpuPercent", out var others) ? others.GetDouble() : null,
        String(t, "effectiveParallelismUncertain"));

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
