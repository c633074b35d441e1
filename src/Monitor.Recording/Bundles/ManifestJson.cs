using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.Model;

namespace Monitor.Recording.Bundles;

/// <summary>How manifests are written and read: <see cref="BundleManifest"/> through <see cref="MonitorJsonContext"/>,
/// indented.</summary>
public static class ManifestJson
{
    private static readonly JsonWriterOptions Writing = new()
    {
        Indented = true,
        // Readable by people: "+" and non-ASCII names stay as they are (the file is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(BundleManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Writing)) JsonSerializer.Serialize(w, manifest, MonitorJsonContext.Default.BundleManifest);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Throws <see cref="JsonException"/> naming the field when a value has the wrong type.</summary>
    public static BundleManifest Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, MonitorJsonContext.Default.BundleManifest) ?? throw new JsonException("the manifest is null");
}
