using System.Text.Json;
using Monitor.Diagnostics.Sources.OsThreads;

namespace Monitor.Recording.Bundles;

/// <summary>One line of os-samples.jsonl: a process's raw OS counters as the sampler read them.</summary>
/// <param name="T">Seconds since the recording started.</param>
public sealed record RecordedOsSample(double T, DateTimeOffset Time, ProcessCounters Counters);

/// <summary>Writes and reads the lines of os-samples.jsonl. Counters are cumulative (CPU since the thread started), so
/// any later line supersedes an earlier one and a lost line loses no totals. A process's last line may be
/// <c>"final": true</c>: its CPU time and peak memory as it read them from the OS itself just before it exited, with
/// no threads.</summary>
public static class OsSampleJson
{
    public static void Write(Utf8JsonWriter w, double t, DateTimeOffset time, ProcessCounters c)
    {
        w.WriteNumber("t", Math.Round(t, 3));
        w.WriteString("time", time);
        w.WriteNumber("pid", c.Pid);
        w.WriteString("name", c.Name);
        w.WriteNumber("workingSetBytes", c.WorkingSetBytes);
        w.WriteNumber("peakWorkingSetBytes", c.PeakWorkingSetBytes);
        w.WriteNumber("userMs", c.UserMs);
        w.WriteNumber("systemMs", c.SystemMs);
        if (c.Final) w.WriteBoolean("final", true);
        w.WriteStartArray("threads");
        foreach (var thread in c.Threads)
        {
            w.WriteStartObject();
            w.WriteNumber("tid", thread.Tid);
            w.WriteString("name", thread.Name);
            w.WriteString("state", thread.State.ToString());
            w.WriteNumber("userMs", thread.UserMs);
            w.WriteNumber("systemMs", thread.SystemMs);
            if (thread.OnCpuMs is { } onCpu) w.WriteNumber("onCpuMs", Math.Round(onCpu, 3));
            if (thread.WaitingForCpuMs is { } waiting) w.WriteNumber("waitingForCpuMs", Math.Round(waiting, 3));
            if (thread.VoluntarySwitches is { } voluntary) w.WriteNumber("voluntarySwitches", voluntary);
            if (thread.InvoluntarySwitches is { } involuntary) w.WriteNumber("involuntarySwitches", involuntary);
            if (thread.StartedMs is { } started) w.WriteNumber("startedMs", started);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Throws <see cref="FormatException"/> for a line that is not a sample (e.g. the cut last line of a
    /// killed recording).</summary>
    public static RecordedOsSample Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var e = document.RootElement;
            var threads = e.GetProperty("threads").EnumerateArray().Select(t => new ThreadCounters(
                t.GetProperty("tid").GetInt32(),
                t.GetProperty("name").GetString() ?? "",
                t.GetProperty("state").GetString() is [var state] ? state : '?',
                t.GetProperty("userMs").GetDouble(),
                t.GetProperty("systemMs").GetDouble(),
                Optional(t, "onCpuMs")?.GetDouble(),
                Optional(t, "waitingForCpuMs")?.GetDouble(),
                Optional(t, "voluntarySwitches")?.GetInt64(),
                Optional(t, "involuntarySwitches")?.GetInt64(),
                Optional(t, "startedMs")?.GetDouble())).ToArray();
            var counters = new ProcessCounters(
                e.GetProperty("pid").GetInt32(),
                e.GetProperty("name").GetString() ?? "",
                0,
                e.GetProperty("workingSetBytes").GetInt64(),
                e.GetProperty("peakWorkingSetBytes").GetInt64(),
                e.GetProperty("userMs").GetDouble(),
                e.GetProperty("systemMs").GetDouble(),
                threads)
            {
                Final = e.TryGetProperty("final", out var final) && final.ValueKind == JsonValueKind.True,
            };
            return new RecordedOsSample(e.GetProperty("t").GetDouble(), e.GetProperty("time").GetDateTimeOffset(), counters);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new FormatException($"not an OS sample: {e.Message}", e);
        }
    }

    private static JsonElement? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v : null;
}
