using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>An address-like id as <c>"0x7f3a..."</c>, as debuggers show it.</summary>
public sealed class HexConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && ulong.TryParse(reader.GetString()?.Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("not a hexadecimal number");

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteStringValue("0x" + value.ToString("x", CultureInfo.InvariantCulture));
}
