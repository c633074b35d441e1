using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Monitor.Recording.Bundles;

/// <summary>How manifests are written and read: camelCase, indented, nulls left out.</summary>
public static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Readable by people: "+" and non-ASCII names stay as they are (the file is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(BundleManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Options);

    /// <summary>Throws <see cref="JsonException"/> naming the field when a value has the wrong type.</summary>
    public static BundleManifest Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<BundleManifest>(json, Options) ?? throw new JsonException("the manifest is null");
}
