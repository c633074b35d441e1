using System.Globalization;

namespace Monitor.Recording.Bundles;

/// <summary>The names of a trace bundle's files: one directory per recording.</summary>
public static class BundleLayout
{
    /// <summary>Written last, atomically: its presence with <c>complete: true</c> is what makes a bundle complete.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>What is known so far, while recording; left behind by a Monitor that was killed.</summary>
    public const string PartialManifest = "manifest.partial.json";

    public const string OsSamples = "os-samples.jsonl";
    public const string Snapshots = "snapshots.jsonl";
    public const string NettraceExtension = ".nettrace";

    public static string NettraceOf(int pid, string role) => $"{role}-{pid.ToString(CultureInfo.InvariantCulture)}{NettraceExtension}";

    /// <summary>monitor-&lt;mode&gt;-yyyyMMdd-HHmmss, in local time, as people read it.</summary>
    public static string DefaultDirectoryName(string mode, DateTimeOffset at) =>
        $"monitor-{mode}-{at.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
}
