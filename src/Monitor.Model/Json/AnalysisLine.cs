using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// `monitor analyze --json`: one object. Where a field means what it means in `run --json`'s result line it has the
/// same name (contentionCount, gcCount, workerThreads, ...), so a script can compare the two. The workload's fields
/// (<see cref="Iterations"/> and <see cref="WorkerThreads"/> among them) are there when the input holds a workload.
/// </summary>
public sealed record AnalysisLine
{
    public string Type => "analysis";
    public required string Source { get; init; }
    public required bool Bundle { get; init; }
    public required bool Complete { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? DurationMs { get; init; }

    public string? Mode { get; init; }
    public string? Work { get; init; }
    public string? Runtime { get; init; }
    public int? Workers { get; init; }
    public long? N { get; init; }

    [JsonConverter(typeof(DecimalStringConverter))]
    public Int128? Sum { get; init; }

    [JsonConverter(typeof(DecimalStringConverter))]
    public Int128? Expected { get; init; }

    public bool? Correct { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? ElapsedMs { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? CpuMs { get; init; }

    public long? PeakWorkingSetBytes { get; init; }
    public required long ContentionCount { get; init; }

    [JsonConverter(typeof(Rounded3Converter))]
    public required double ContentionWaitMs { get; init; }

    public required int GcCount { get; init; }

    /// <summary>The manifest's, as recorded.</summary>
    public double? EffectiveParallelism { get; init; }

    [JsonConverter(typeof(Rounded0Converter))]
    public double? SingleThreadRate { get; init; }

    public long? Iterations { get; init; }

    [JsonConverter(typeof(Rounded0Converter))]
    public double? IterationsPerSec { get; init; }

    public IReadOnlyList<AnalysisWorkerThread>? WorkerThreads { get; init; }
    public required IReadOnlyList<AnalysisRun> Runs { get; init; }
    public required IReadOnlyList<AnalysisProcess> Processes { get; init; }
    public required IReadOnlyList<LockSample> Locks { get; init; }

    /// <summary>From the traces' stack samples (recorded with --stacks), each thread's CPU taken as its running
    /// samples; null without stacks.</summary>
    public IReadOnlyList<HotMethod>? HotMethods { get; init; }
    public required IReadOnlyList<ThreadReport> Threads { get; init; }

    /// <summary>The manifest's result line, verbatim.</summary>
    public JsonElement? RecordedResult { get; init; }
}

/// <summary>One run of a bundle (<c>runs[]</c>): the manifest's account of it and what its own traces hold. Its counts
/// come from its traces; a run without one (Python, or going before recording started) gives its recorded result's.</summary>
public sealed record AnalysisRun
{
    public required int Run { get; init; }
    public string? Mode { get; init; }
    public string? Work { get; init; }
    public string? Runtime { get; init; }
    public int? Workers { get; init; }
    public long? N { get; init; }
    public int? SwitchMs { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public required bool Ended { get; init; }
    public required bool Traced { get; init; }

    [JsonConverter(typeof(DecimalStringConverter))]
    public Int128? Sum { get; init; }

    [JsonConverter(typeof(DecimalStringConverter))]
    public Int128? Expected { get; init; }

    public bool? Correct { get; init; }
    public string? Failure { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? ElapsedMs { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? CpuMs { get; init; }

    public long? ContentionCount { get; init; }

    [JsonConverter(typeof(Rounded3Converter))]
    public double? ContentionWaitMs { get; init; }

    public int? GcCount { get; init; }

    /// <summary>The recorded result's, as recorded.</summary>
    public double? EffectiveParallelism { get; init; }

    public required long Iterations { get; init; }

    [JsonConverter(typeof(Rounded0Converter))]
    public double? IterationsPerSec { get; init; }

    public required IReadOnlyList<int> Pids { get; init; }
    public required IReadOnlyList<AnalysisWorkerThread> WorkerThreads { get; init; }

    /// <summary>The run's result line, verbatim.</summary>
    public JsonElement? RecordedResult { get; init; }
}

/// <summary>A worker thread as the workload's own events tell it, with its CPU time from the OS samples.</summary>
/// <param name="Sum">Its partial total (a decimal string), once it finished.</param>
public sealed record AnalysisWorkerThread(
    int Pid,
    int Tid,
    int Worker,
    long Iterations,
    bool Finished,
    string? Sum,
    long ProgressEvents,
    [property: JsonConverter(typeof(Rounded1Converter))] double? CpuMs);

/// <summary>One process: its trace's figures when it has one (<see cref="File"/> and what follows it), and what the OS
/// said of it.</summary>
public sealed record AnalysisProcess
{
    public required int Pid { get; init; }
    public required string Role { get; init; }
    public string? File { get; init; }
    public long? Bytes { get; init; }
    public bool? Complete { get; init; }
    public string? Error { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? DurationMs { get; init; }

    public long? EventCount { get; init; }
    public int? GcCount { get; init; }
    public IReadOnlyDictionary<int, long>? GcByGeneration { get; init; }
    public long? ContentionCount { get; init; }

    [JsonConverter(typeof(Rounded3Converter))]
    public double? ContentionWaitMs { get; init; }

    public long? StackSamples { get; init; }
    public long? PeakWorkingSetBytes { get; init; }
    public long? PeakGcHeapBytes { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? CpuMs { get; init; }

    public IReadOnlyList<EventCountReport>? Events { get; init; }
}

/// <summary>How many events of one kind a trace holds.</summary>
public sealed record EventCountReport(string Provider, string Event, long Count);

/// <summary>One thread: CPU from the OS sampler (null without one), waits from the contention events.</summary>
public sealed record ThreadReport(
    int Pid,
    int Tid,
    string Name,
    string Role,
    int? Worker,
    [property: JsonConverter(typeof(Rounded1Converter))] double? CpuMs,
    long ContentionCount,
    [property: JsonConverter(typeof(Rounded3Converter))] double ContentionWaitMs);
