using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Keywords = Microsoft.Diagnostics.Tracing.Parsers.ClrTraceEventParser.Keywords;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>What every live session asks the runtime for: cheap enough to leave on for a whole run.</summary>
public static class SessionProviders
{
    public const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    public const string CountersProvider = "System.Runtime";

    public const string SampleProfilerProvider = "Microsoft-DotNETCore-SampleProfiler";
    private const long AllKeywords = -1;

    public static readonly TimeSpan DefaultCounterInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runtime events stay at Informational: Verbose adds thousands of GC/AllocationTick events a second.
    /// <paramref name="sampleStacks"/> adds the runtime's sample profiler (a stack of every managed thread about every
    /// millisecond) and the loader and JIT events that name the methods in those stacks, for flame graphs.
    /// <paramref name="ownWorker"/>: a process running Monitor's workload is asked for its own
    /// <see cref="SumEventSource.ProcessStats"/> every interval instead of System.Runtime's counters, which cost the
    /// workload far more (see <see cref="ProcessStatsReporter"/>); any other process gets the runtime's counters.</summary>
    public static IReadOnlyList<EventPipeProvider> For(TimeSpan counterInterval, bool sampleStacks = false, bool ownWorker = false)
    {
        if (counterInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(counterInterval), counterInterval, "the counter interval must be positive");
        string seconds = counterInterval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var keywords = Keywords.GC | Keywords.Contention | Keywords.Threading;
        if (sampleStacks) keywords |= Keywords.Loader | Keywords.Jit;
        long runtimeKeywords = (long)keywords;
        var providers = new List<EventPipeProvider>
        {
            new(RuntimeProvider, EventLevel.Informational, runtimeKeywords, null),
            ownWorker
                ? new(SumEventSource.ProviderName, EventLevel.Informational, AllKeywords, new Dictionary<string, string> { [SumEventSource.StatsIntervalArgument] = seconds })
                : new(SumEventSource.ProviderName, EventLevel.Informational, AllKeywords, null),
        };
        if (!ownWorker) providers.Add(new EventPipeProvider(CountersProvider, EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = seconds }));
        if (sampleStacks) providers.Add(new EventPipeProvider(SampleProfilerProvider, EventLevel.Informational, 0, null));
        return providers;
    }

    /// <summary>No rundown unless stacks are sampled: the live view resolves no methods, and rundown at the end costs
    /// a burst of events. A flame graph needs it to name methods that were compiled before the session started.</summary>
    public static EventPipeSessionConfiguration Configuration(TimeSpan counterInterval, bool sampleStacks = false, bool ownWorker = false) =>
        new(For(counterInterval, sampleStacks, ownWorker), circularBufferSizeMB: sampleStacks ? 64 : 16, requestRundown: sampleStacks, requestStackwalk: sampleStacks);
}
