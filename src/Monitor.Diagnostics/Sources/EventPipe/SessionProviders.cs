using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>What every live session asks the runtime for: cheap enough to leave on for a whole run.</summary>
public static class SessionProviders
{
    public const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    public const string CountersProvider = "System.Runtime";

    public const long GcKeyword = 0x1;
    public const long ContentionKeyword = 0x4000;
    public const long ThreadingKeyword = 0x10000;
    private const long AllKeywords = -1;

    public static readonly TimeSpan DefaultCounterInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runtime events stay at Informational: Verbose adds thousands of GC/AllocationTick events a second.</summary>
    public static IReadOnlyList<EventPipeProvider> For(TimeSpan counterInterval)
    {
        if (counterInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(counterInterval), counterInterval, "the counter interval must be positive");
        var counterArguments = new Dictionary<string, string>
        {
            ["EventCounterIntervalSec"] = counterInterval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        };
        return
        [
            new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcKeyword | ContentionKeyword | ThreadingKeyword, null),
            new EventPipeProvider(CountersProvider, EventLevel.Informational, 0, counterArguments),
            new EventPipeProvider(SumEventSource.ProviderName, EventLevel.Informational, AllKeywords, null),
        ];
    }

    /// <summary>No rundown: the live view resolves no methods, and rundown at the end would cost a burst of events.</summary>
    public static EventPipeSessionConfiguration Configuration(TimeSpan counterInterval) =>
        new(For(counterInterval), circularBufferSizeMB: 16, requestRundown: false, requestStackwalk: false);
}
