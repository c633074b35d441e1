using System.Globalization;
using System.Text.Json;
using Monitor.Model;
using Monitor.Recording.Analysis;

namespace Monitor.Recording.Bundles;

/// <summary>
/// A trace bundle opened for reading: its manifest (final, partial, or none for a bundle Monitor never finished) and
/// where its files are. Only plain file names inside the bundle are ever opened, whatever the manifest says.
/// </summary>
public sealed class TraceBundle
{
    private TraceBundle(string directory, BundleManifest? manifest, bool finalManifest, IReadOnlyList<BundleTrace> traces)
    {
        Directory = directory;
        Manifest = manifest;
        HasFinalManifest = finalManifest;
        Traces = traces;
    }

    public string Directory { get; }

    /// <summary>manifest.json, else manifest.partial.json, else null.</summary>
    public BundleManifest? Manifest { get; }

    public bool HasFinalManifest { get; }

    /// <summary>Monitor wrote every file to its end.</summary>
    public bool IsComplete => HasFinalManifest && Manifest is { Complete: true };

    public IReadOnlyList<BundleTrace> Traces { get; }

    public string OsSamplesPath => Path.Combine(Directory, BundleLayout.OsSamples);
    public string SnapshotsPath => Path.Combine(Directory, BundleLayout.Snapshots);

    /// <summary>Throws <see cref="UnusableInputException"/>: a missing path, a file, an unreadable directory, a
    /// manifest that is not one (or not a regular file, or a symbolic link, or larger than
    /// <see cref="InputFile.MaxManifestBytes"/>).</summary>
    public static TraceBundle Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UnusableInputException("no bundle given: the path is empty");
        if (File.Exists(path)) throw new UnusableInputException($"{path} is a file, not a trace bundle directory");
        if (!System.IO.Directory.Exists(path)) throw new UnusableInputException($"{path} does not exist");
        string directory = Path.GetFullPath(path);
        BundleManifest? manifest = ReadManifest(Path.Combine(directory, BundleLayout.Manifest));
        bool final = manifest is not null;
        manifest ??= ReadManifest(Path.Combine(directory, BundleLayout.PartialManifest));
        string[] found;
        try
        {
            found = System.IO.Directory.GetFiles(directory, "*" + BundleLayout.NettraceExtension).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnusableInputException($"{path}: cannot list the bundle: {e.Message}", e);
        }
        if (manifest is null && found.Length == 0 && !File.Exists(Path.Combine(directory, BundleLayout.Snapshots)))
        {
            throw new UnusableInputException($"{path} is not a trace bundle: it has no manifest, no .nettrace and no snapshots");
        }
        var traces = new List<BundleTrace>();
        foreach (var entry in manifest?.Processes ?? [])
        {
            if (!IsPlainName(entry.File)) throw new UnusableInputException($"{path}: the manifest names a file outside the bundle: {entry.File}");
            traces.Add(new BundleTrace(Path.Combine(directory, entry.File), entry.Pid, entry.Role, entry));
        }
        foreach (var name in found.Where(n => traces.All(t => Path.GetFileName(t.Path) != n)))
        {
            var (role, pid) = ParseName(name);
            traces.Add(new BundleTrace(Path.Combine(directory, name), pid, role, null));
        }
        return new TraceBundle(directory, manifest, final, traces);
    }

    private static BundleManifest? ReadManifest(string path)
    {
        // Not there at all (not even as a dangling link): the bundle has none. Anything else is read as the manifest
        // or refused: a FIFO, a device, a link, a file too large to be one.
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) return null;
        byte[] bytes = InputFile.ReadSmall(path, InputFile.MaxManifestBytes, "a manifest");
        try
        {
            var manifest = ManifestJson.Deserialize(bytes);
            if (manifest.Processes is null) throw new JsonException("processes is null");
            if (manifest.Runs is { } runs && runs.Any(r => r is null || r.Pids is null)) throw new JsonException("runs holds a null run or pids");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new UnusableInputException($"{path} is not a valid manifest: {e.Message}", e);
        }
    }

    private static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name == Path.GetFileName(name) && name != "." && name != ".."
        && name.EndsWith(BundleLayout.NettraceExtension, StringComparison.Ordinal);

    /// <summary>worker-1234.nettrace → ("worker", 1234); anything else → (its name, 0).</summary>
    private static (string Role, int Pid) ParseName(string name)
    {
        string stem = Path.GetFileNameWithoutExtension(name);
        int dash = stem.LastIndexOf('-');
        if (dash > 0 && int.TryParse(stem.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return (stem[..dash], pid);
        return ("unknown", 0);
    }

    /// <summary>The OS sampler's readings in order; lines that cannot be read (the cut last line of a killed
    /// recording) are counted in <paramref name="badLines"/>.</summary>
    public IReadOnlyList<RecordedOsSample> ReadOsSamples(out int badLines, CancellationToken cancel = default) =>
        ReadLines(OsSamplesPath, OsSampleJson.Parse, out badLines, cancel);

    /// <summary>Each line of a .jsonl file of the bundle through <paramref name="parse"/>, streamed (see
    /// <see cref="InputFile.ReadLines"/>); a missing file has none.</summary>
    internal static IReadOnlyList<T> ReadLines<T>(string path, Func<string, T> parse, out int badLines, CancellationToken cancel = default)
    {
        badLines = 0;
        var items = new List<T>();
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) return items;
        foreach (var line in InputFile.ReadLines(path, cancel))
        {
            try
            {
                items.Add(parse(line));
            }
            catch (FormatException)
            {
                badLines++;
            }
        }
        return items;
    }
}

/// <summary>One .nettrace of a bundle; <see cref="Entry"/> is null when the manifest does not list it.</summary>
public sealed record BundleTrace(string Path, int Pid, string Role, RecordedProcess? Entry);
