using System.Runtime.CompilerServices;
using System.Text.Json;
using Monitor.Recording.Analysis;
using Monitor.Recording.Bundles;
using Monitor.Model;

namespace Monitor.Recording.Replay;

/// <summary>
/// A recorded session as a source of snapshots for the same panels the live view feeds: the frames in time order
/// (<see cref="Frames"/> all at once, or <see cref="PlayAsync"/> paced like the original), and the run's summary from
/// the manifest. Works on incomplete bundles too: a cut last line is skipped and counted.
/// </summary>
public sealed class BundleReplay
{
    private BundleReplay(TraceBundle bundle, IReadOnlyList<ReplayFrame> frames, int unreadableLines, ResultLine? summary, IReadOnlyList<RecordedRunResult> results)
    {
        Bundle = bundle;
        Frames = frames;
        UnreadableLines = unreadableLines;
        Summary = summary;
        Results = results;
    }

    public TraceBundle Bundle { get; }
    public BundleManifest? Manifest => Bundle.Manifest;
    public bool IsComplete => Bundle.IsComplete;
    public IReadOnlyList<ReplayFrame> Frames { get; }

    /// <summary>Lines of snapshots.jsonl that were not snapshots (the cut last line of a killed recording).</summary>
    public int UnreadableLines { get; }

    /// <summary>The run's result as recorded by `monitor run`; null when the bundle has no such result (a UI recording:
    /// see <see cref="Results"/>, no run, or Monitor was killed).</summary>
    public ResultLine? Summary { get; }

    /// <summary>Every run's result, in the order the runs started, with when each ended: the one of a `monitor run`
    /// bundle (also in <see cref="Summary"/>) or each of a UI recording's runs that ended while it recorded.</summary>
    public IReadOnlyList<RecordedRunResult> Results { get; }

    /// <summary>Length of the recorded session, from the first snapshot to the last.</summary>
    public TimeSpan Duration => Frames.Count == 0 ? TimeSpan.Zero : Frames[^1].At;

    /// <summary>Throws <see cref="UnusableInputException"/> when <paramref name="path"/> is not a readable bundle or holds
    /// no snapshot.</summary>
    public static BundleReplay Open(string path, CancellationToken cancel = default)
    {
        var bundle = TraceBundle.Open(path);
        var snapshots = TraceBundle.ReadLines(bundle.SnapshotsPath, SnapshotJson.Parse, out int bad, cancel);
        // A time no recording can have (not a number, or centuries away) is damage: counted with the unreadable lines,
        // never turned into a wait or a TimeSpan that overflows.
        var usable = snapshots.Where(s => double.IsFinite(s.T) && Math.Abs(s.T) <= MaxSnapshotSeconds).ToArray();
        bad += snapshots.Count - usable.Length;
        if (usable.Length == 0) throw new UnusableInputException($"{path} holds no snapshots to replay (recorded with --diagnostics full or os?)");
        var ordered = usable.OrderBy(s => s.T).ToArray();
        double first = ordered[0].T;
        var frames = ordered.Select(s => new ReplayFrame(TimeSpan.FromSeconds(s.T - first), s)).ToArray();
        var results = BundleRuns.Of(bundle.Manifest)
            .Where(r => r.Result is { ValueKind: JsonValueKind.Object })
            .Select(r => new RecordedRunResult(r.EndedAt, Read(r.Result!.Value, path), r.Result!.Value))
            .ToArray();
        var summary = bundle.Manifest?.Result is { ValueKind: JsonValueKind.Object } top ? Read(top, path) : null;
        return new BundleReplay(bundle, frames, bad, summary, results);
    }

    private static ResultLine Read(JsonElement result, string path)
    {
        try
        {
            return result.Deserialize(MonitorJsonContext.Default.ResultLine) ?? throw new JsonException("the result is null");
        }
        catch (JsonException e)
        {
            throw new UnusableInputException($"{path}: the manifest's result is not a run result: {e.Message}", e);
        }
    }

    /// <summary>Snapshot times are seconds since the recording started: beyond three centuries one is damaged.</summary>
    private const double MaxSnapshotSeconds = 1e10;

    /// <summary>The slowest and fastest replay speeds offered (0 is "no waiting"): slower than a thousandth, one
    /// second of a recording would take over a quarter of an hour.</summary>
    public const double MinSpeed = 0.001, MaxSpeed = 1_000_000;

    /// <summary>Yields each frame when it is due, as the session unfolded; <paramref name="speed"/> 2 plays twice as
    /// fast, 0 or less yields everything at once. A frame due very late (a slow speed, or a damaged bundle whose
    /// times jump ahead by years) is simply waited for, until <paramref name="cancel"/>.</summary>
    public async IAsyncEnumerable<ReplayFrame> PlayAsync(double speed = 1, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var frame in Frames)
        {
            if (speed > 0)
            {
                // In seconds as doubles: a TimeSpan divided by a small speed overflows.
                double due = frame.At.TotalSeconds / speed - clock.Elapsed.TotalSeconds;
                await WaitAsync(due, cancel).ConfigureAwait(false);
            }
            cancel.ThrowIfCancellationRequested();
            yield return frame;
        }
    }

    /// <summary>Task.Delay takes at most about 24 days: a longer wait goes in steps of a day.</summary>
    private static async Task WaitAsync(double seconds, CancellationToken cancel)
    {
        const double Step = 24 * 3600;
        while (seconds > 0 && double.IsFinite(seconds))
        {
            double now = Math.Min(seconds, Step);
            await Task.Delay(TimeSpan.FromSeconds(now), cancel).ConfigureAwait(false);
            seconds -= now;
        }
        if (double.IsInfinity(seconds)) await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
    }
}
