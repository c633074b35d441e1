using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// A finished run as the <c>{"type":"result",...}</c> line: the last line of `run --json`, the <c>result</c> of a
/// recording's manifest (and of each of its <c>runs[]</c>), read back by replay and analyze. Field names are a contract
/// for scripts: add, never rename. Every field is optional on read, so results written by older versions load;
/// Monitor always writes the ones up to <see cref="ProcessCount"/>, <see cref="WorkerThreads"/> and
/// <see cref="Outcome"/>, the others when they were measured.
/// </summary>
public sealed record ResultLine
{
    public const string ResultType = "result";

    public string Type { get; init; } = ResultType;
    public RunMode? Mode { get; init; }
    public WorkKind? Work { get; init; }
    public WorkerRuntime? Runtime { get; init; }
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
    public double? StartupMs { get; init; }

    public int? ProcessCount { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? CpuMs { get; init; }

    public long? PeakWorkingSetBytes { get; init; }
    public long? ContentionCount { get; init; }

    [JsonConverter(typeof(Rounded3Converter))]
    public double? ContentionWaitMs { get; init; }

    public int? GcCount { get; init; }

    [JsonConverter(typeof(Rounded2Converter))]
    public double? EffectiveParallelism { get; init; }

    public string? EffectiveParallelismUncertain { get; init; }

    [JsonConverter(typeof(Rounded1Converter))]
    public double? OtherCpuPercent { get; init; }

    /// <summary>Mode gil only.</summary>
    public int? SwitchMs { get; init; }

    public IReadOnlyList<ResultWorkerThread> WorkerThreads { get; init; } = [];

    /// <summary>Null in results written before it was (their <see cref="Failure"/> said "stopped" or "interrupted").</summary>
    public RunOutcome? Outcome { get; init; }

    public string? Failure { get; init; }

    /// <summary>A result as a manifest keeps it (the line verbatim, as a JSON value); null when there is none or it
    /// cannot be read as a result.</summary>
    public static ResultLine? Read(JsonElement? line)
    {
        if (line is not { ValueKind: JsonValueKind.Object } value) return null;
        try
        {
            return value.Deserialize(MonitorJsonContext.Default.ResultLine);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One worker thread's share of the run, in <see cref="ResultLine.WorkerThreads"/>.</summary>
public sealed record ResultWorkerThread(int Pid, int Tid, int Worker, long Iterations, [property: JsonConverter(typeof(Rounded1Converter))] double? CpuMs);
