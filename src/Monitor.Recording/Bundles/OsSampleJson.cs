using System.Text.Json;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Recording.Bundles;

/// <summary>One line of os-samples.jsonl, read back: <see cref="T"/> is seconds since the recording started.</summary>
public sealed record RecordedOsSample(double T, DateTimeOffset Time, ProcessCounters Counters);

/// <summary>Writes and reads the lines of os-samples.jsonl (<see cref="OsSampleLine"/>).</summary>
public static class OsSampleJson
{
    public static void Write(Utf8JsonWriter w, double t, DateTimeOffset time, ProcessCounters c) => JsonSerializer.Serialize(w,
        new OsSampleLine(t, time, c.Pid, c.Name, c.WorkingSetBytes, c.PeakWorkingSetBytes, c.UserMs, c.SystemMs, c.Final, c.Threads),
        MonitorJsonContext.Default.OsSampleLine);

    /// <summary>Throws <see cref="FormatException"/> for a line that is not a sample (e.g. the cut last line of a
    /// killed recording).</summary>
    public static RecordedOsSample Parse(string line)
    {
        var s = JsonLine.Parse(line, MonitorJsonContext.Default.OsSampleLine, "an OS sample");
        // The reading's own timestamp is the sampler's clock, which means nothing after the session: T stands for it.
        return new RecordedOsSample(s.T, s.Time, new ProcessCounters(s.Pid, s.Name, 0, s.WorkingSetBytes, s.PeakWorkingSetBytes, s.UserMs, s.SystemMs, s.Threads)
        {
            Final = s.Final,
        });
    }
}
