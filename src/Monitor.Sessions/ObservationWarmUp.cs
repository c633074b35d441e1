using System.Text.Json;
using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>
/// Runs the observation's code once on Monitor itself while the calibration computes, before any worker starts:
/// an EventPipe session on its own runtime through the same parser and translator, two snapshots of its own threads,
/// written as JSON. Compiling that code (the first calls: hundreds of methods, tier-0 in the IL build, fully optimized
/// where ReadyToRun could not precompile them) used to happen in the first second of the run, on the CPUs the
/// workers compute on. Whatever fails here costs only its own time: the run then compiles as before.
/// </summary>
public static class ObservationWarmUp
{
    private static readonly TimeSpan SessionLength = TimeSpan.FromMilliseconds(150);

    /// <summary>However it goes, the warm-up ends within this: a runtime that does not answer must not hold up the run.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>MONITOR_WARMUP=0 leaves the warm-up out, to measure what it saves (docs/performance.md).</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("MONITOR_WARMUP") != "0";

    /// <summary>Never faults; completes within <see cref="Bound"/> (what is left of it then ends in the background).
    /// True when the whole warm-up ran.</summary>
    public static async Task<bool> RunAsync(CancellationToken cancel)
    {
        if (!Enabled) return false;
        var work = Task.Run(() => WarmAsync(cancel), CancellationToken.None);
        return await Task.WhenAny(work, Task.Delay(Bound, CancellationToken.None)).ConfigureAwait(false) == work && work.Result;
    }

    private static async Task<bool> WarmAsync(CancellationToken cancel)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        bounded.CancelAfter(Bound);
        try
        {
            using var aggregator = new SnapshotAggregator(ThreadSamplers.ForCurrentOs(), singleThreadRate: null);
            aggregator.Watch(Environment.ProcessId, ProcessRole.Monitor);
            await using (var session = await ExternalProcessSession.StartAsync(Environment.ProcessId, aggregator, cancel: bounded.Token, runtimeCounters: false).ConfigureAwait(false))
            {
                Write(aggregator.Take());
                await Task.Delay(SessionLength, bounded.Token).ConfigureAwait(false);
                Write(aggregator.Take());
            }
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Diagnostics disabled in this process, a cancelled run, ...: nothing to warm, nothing lost.
            return false;
        }
    }

    private static void Write(Snapshot snapshot)
    {
        using var writer = new Utf8JsonWriter(Stream.Null);
        SnapshotJson.Write(writer, snapshot);
    }
}
