using Monitor.Model;

namespace Monitor.Recording.Bundles;

/// <summary>The runs of any bundle, old or new.</summary>
public static class BundleRuns
{
    /// <summary>
    /// <see cref="BundleManifest.Runs"/> when the manifest has them (format 2); for a format 1 manifest, its one run
    /// made from the top-level fields (a `monitor run` bundle's run exactly; a format 1 UI bundle's runs cannot be told
    /// apart, so they read as one, as they always did). No runs for an attach recording or without a manifest.
    /// </summary>
    public static IReadOnlyList<BundleRun> Of(BundleManifest? manifest)
    {
        if (manifest is null) return [];
        if (manifest.Runs is { } runs) return runs;
        if (manifest.Mode is null or "attach") return [];
        var result = ResultLine.Read(manifest.Result);
        return
        [
            new BundleRun
            {
                Mode = manifest.Mode,
                Work = manifest.Work,
                Runtime = manifest.Runtime,
                Workers = manifest.Workers,
                N = manifest.N,
                SwitchMs = manifest.SwitchMs,
                StartedAt = manifest.StartedAt,
                EndedAt = manifest.EndedAt,
                Pids = manifest.Processes.Where(p => p.Role == "worker").Select(p => p.Pid).ToArray(),
                Correct = result?.Correct,
                Failure = result?.Failure,
                Result = manifest.Result,
            },
        ];
    }
}
