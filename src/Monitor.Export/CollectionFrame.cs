using System.Diagnostics;

namespace Monitor.Export;

/// <summary>
/// The frame every instrument of one collection reports. The SDK calls each observable instrument's callback in turn
/// while it collects (a scrape, a push); a snapshot arriving in between would give one scrape the process's CPU of one
/// snapshot and its threads' of the next (seen: threads summing 0.15 s above their process). The first callback of a
/// collection pins the latest frame, and the callbacks that follow within <see cref="Pin"/> get that same frame.
/// </summary>
internal sealed class CollectionFrame(Func<ExportFrame> latest)
{
    /// <summary>Longer than a collection takes (a few ms; ~30 ms at the slowest measured), shorter than any interval.</summary>
    public static readonly TimeSpan Pin = TimeSpan.FromMilliseconds(80);

    private readonly object _gate = new();
    private ExportFrame? _pinned;
    private long _pinnedAt;

    public ExportFrame Current()
    {
        lock (_gate)
        {
            if (_pinned is null || Stopwatch.GetElapsedTime(_pinnedAt) > Pin)
            {
                _pinned = latest();
                _pinnedAt = Stopwatch.GetTimestamp();
            }
            return _pinned;
        }
    }
}
