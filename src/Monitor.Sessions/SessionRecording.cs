using Monitor.Model;
using Monitor.Recording;
using Monitor.Recording.Bundles;

namespace Monitor.Sessions;

/// <summary>
/// The UI's record key for one observation: starts a bundle (in --trace-dir or the current directory, named after
/// what is watched and when) and stops it with its manifest, saying what happened on the status line. Processes
/// already being watched when recording starts have no .nettrace in it: their sessions began before the tap.
/// </summary>
public sealed class SessionRecording(Observation observation, string? traceDir, Action<string> status)
{
    public string? Status => observation.Recording.Current is { } r
        ? $"REC {r.Directory} {Size(r.BytesWritten)}"
        : null;

    public bool IsRecording => observation.Recording.Current is not null;

    /// <summary>Starts recording into <paramref name="directory"/>, or a new one named after <paramref name="what"/>;
    /// returns why it could not, or null.</summary>
    public string? Start(BundleManifest header, string what, string? directory = null)
    {
        directory ??= Path.Combine(traceDir ?? Directory.GetCurrentDirectory(), BundleLayout.DefaultDirectoryName(what, DateTimeOffset.Now));
        try
        {
            var recorder = observation.Recording.Start(directory, header);
            recorder.Failed += reason => status($"recording stopped: {reason}; {recorder.Directory} is incomplete (the run goes on)");
            status($"recording into {recorder.Directory}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or RecordingFailedException)
        {
            string why = $"cannot record into {directory}: {e.Message}";
            status(why);
            return why;
        }
    }

    /// <summary>Stops the recording, writing its manifest; null if none was running.</summary>
    public BundleManifest? Stop()
    {
        var directory = observation.Recording.Current?.Directory;
        var manifest = observation.Recording.Stop();
        if (manifest is not null)
        {
            status(manifest.Complete
                ? $"recorded {directory}; see monitor analyze {directory}"
                : $"recording {directory} is incomplete: {manifest.Failure}");
        }
        return manifest;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1_000_000 => $"{bytes / 1e6:0.0} MB",
        >= 1_000 => $"{bytes / 1e3:0} KB",
        _ => $"{bytes} B",
    };
}
