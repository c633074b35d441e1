using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>An enum as its word (<see cref="Words"/>): <c>"threads"</c>, <c>"io"</c>, <c>"dotnet"</c>, also as a key
/// of an object. Anything else, a number too, is not a value of the field (<see cref="JsonException"/>).
/// <see cref="MonitorJsonContext"/> uses it for every enum it writes.</summary>
public sealed class WordConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Words.TryParse<T>(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"not one of {Words.Choices<T>()}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Name());
}
