using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Model;

/// <summary>One line of a JSON Lines file Monitor wrote (snapshots.jsonl, os-samples.jsonl), read back.</summary>
public static class JsonLine
{
    /// <summary>Throws <see cref="FormatException"/> saying the line is not <paramref name="what"/> when it is not one
    /// (e.g. the cut last line of a killed recording).</summary>
    public static T Parse<T>(string line, JsonTypeInfo<T> type, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(line, type) ?? throw new FormatException($"not {what}: null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not {what}: {e.Message}", e);
        }
    }
}
