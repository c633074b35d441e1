using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>A sum as a decimal string (<c>"sum":"4999999950000000"</c>): it can exceed what a JSON number keeps exactly
/// in most readers (2^53).</summary>
public sealed class DecimalStringConverter : JsonConverter<Int128>
{
    public override Int128 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && Int128.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("not a whole number in a string");

    public override void Write(Utf8JsonWriter writer, Int128 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
