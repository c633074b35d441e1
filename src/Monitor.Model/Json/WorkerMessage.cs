using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// The line protocol a worker process speaks on stdout (one JSON object a line, <c>"type"</c> first saying which
/// message). Monitor's .NET workers and the Python worker script (Monitor.Runners/Python/sum_worker.py) write the same
/// lines; it is the pipe that brings partial results back, like the seed's multiprocessing Queue. Times on the monotonic
/// clock (<c>atNs</c>) are CLOCK_MONOTONIC in ns, as .NET's Stopwatch and Python's time.monotonic_ns read it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WorkerStarted), "started")]
[JsonDerivedType(typeof(WorkerProgress), "progress")]
[JsonDerivedType(typeof(WorkerFinished), "finished")]
[JsonDerivedType(typeof(WorkerUsage), "usage")]
[JsonDerivedType(typeof(CalibrationResult), "calibration")]
[JsonDerivedType(typeof(WorkerError), "error")]
public abstract record WorkerMessage
{
    /// <summary>The message as one line (without the line break): exactly what <see cref="MonitorJsonContext"/> writes
    /// for it (WorkerMessageFormatTests holds the two equal), but formatted by hand. A worker thread formats its first
    /// line as it starts computing, and the serializer's first use costs a process ~60 ms of CPU (its options, metadata
    /// and converters set up, source-generated and precompiled alike) where this costs ~1 ms: every worker would start
    /// computing, and every calibration report, that much later. An error is the exception: it is the worker's last
    /// line.</summary>
    public static string Format(WorkerMessage message) => message switch
    {
        WorkerStarted m => Invariant($"{{\"type\":\"started\",\"worker\":{m.Worker},\"pid\":{m.Pid},\"tid\":{m.Tid},\"start\":{m.Start},\"end\":{m.End}{Optional("atNs", m.AtNs)}}}"),
        WorkerProgress m => Invariant($"{{\"type\":\"progress\",\"worker\":{m.Worker},\"iterations\":{m.Iterations}{Rounded3("cpuMs", m.CpuMs)}}}"),
        WorkerFinished m => Invariant($"{{\"type\":\"finished\",\"worker\":{m.Worker},\"iterations\":{m.Iterations},\"sum\":\"{m.Sum}\"{Rounded3("cpuMs", m.CpuMs)}}}"),
        WorkerUsage m => Invariant($"{{\"type\":\"usage\",\"pid\":{m.Pid},\"cpuMs\":{Math.Round(m.CpuMs, 3)},\"peakWorkingSetBytes\":{m.PeakWorkingSetBytes}")
            + Invariant($"{Rounded3("userMs", m.UserMs)}{Rounded3("systemMs", m.SystemMs)}{Optional("atNs", m.AtNs)}}}"),
        CalibrationResult m => Invariant($"{{\"type\":\"calibration\",\"iterationsPerSec\":{m.IterationsPerSec:R}")
            + (m.IterationsPerCpuSec is { } perCpu ? Invariant($",\"iterationsPerCpuSec\":{perCpu:R}") : "")
            + (m.CpuShare is { } share ? Invariant($",\"cpuShare\":{share:R}") : "") + "}",
        WorkerError => JsonSerializer.Serialize(message, MonitorJsonContext.Default.WorkerMessage),
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Optional(string name, long? value) => value is { } v ? Invariant($",\"{name}\":{v}") : "";

    private static string Rounded3(string name, double? value) => value is { } v ? Invariant($",\"{name}\":{Math.Round(v, 3)}") : "";

    /// <summary>Reads one line; anything that is not a well-formed message gives false (a worker's stray output is
    /// not a reason to fail a run): not JSON, no or an unknown type, a required field missing or of the wrong type.</summary>
    public static bool TryParse(string line, out WorkerMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{') return false;
        try
        {
            message = JsonSerializer.Deserialize(line, MonitorJsonContext.Default.WorkerMessage);
            return message is not null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return false;
        }
    }
}

/// <summary>A worker thread began; <see cref="Tid"/> is its operating-system thread id, <see cref="AtNs"/> when, on
/// the monotonic clock (null: not told).</summary>
public sealed record WorkerStarted(
    [property: JsonRequired] int Worker,
    [property: JsonRequired] int Pid,
    [property: JsonRequired] int Tid,
    [property: JsonRequired] long Start,
    [property: JsonRequired] long End,
    long? AtNs = null) : WorkerMessage;

/// <summary>Iterations a worker thread has done so far and, where the system tells, the CPU time that thread had used
/// when they were read (both at once, so their ratio is the thread's own rate per CPU second).</summary>
public sealed record WorkerProgress(
    [property: JsonRequired] int Worker,
    [property: JsonRequired] long Iterations,
    [property: JsonConverter(typeof(Rounded3Converter))] double? CpuMs = null) : WorkerMessage;

/// <summary>A worker thread's result; <see cref="CpuMs"/> is its own CPU time as the system accounts it.</summary>
public sealed record WorkerFinished(
    [property: JsonRequired] int Worker,
    [property: JsonRequired] long Iterations,
    [property: JsonRequired, JsonConverter(typeof(DecimalStringConverter))] Int128 Sum,
    [property: JsonConverter(typeof(Rounded3Converter))] double? CpuMs = null) : WorkerMessage;

/// <summary>The last line of a worker process: its CPU time (and its user and system parts, where told) and peak
/// resident memory, read from the OS by the process itself just before it exits, and when (the monotonic clock).</summary>
public sealed record WorkerUsage(
    [property: JsonRequired] int Pid,
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double CpuMs,
    [property: JsonRequired] long PeakWorkingSetBytes,
    [property: JsonConverter(typeof(Rounded3Converter))] double? UserMs = null,
    [property: JsonConverter(typeof(Rounded3Converter))] double? SystemMs = null,
    long? AtNs = null) : WorkerMessage;

/// <summary>One thread's rate of the kernel: <see cref="IterationsPerSec"/> over the wall-clock window (what the machine
/// gave it then), <see cref="IterationsPerCpuSec"/> per second of the thread's own CPU time as the best of short windows
/// (what one thread does while it runs: the unit of effective parallelism, unshrunk by other load), and
/// <see cref="CpuShare"/>, the thread's CPU time over the wall time of the measurement (at most 1); the last two are
/// null where the thread's CPU time is unknown. Written unrounded.</summary>
public sealed record CalibrationResult(
    [property: JsonRequired] double IterationsPerSec,
    double? IterationsPerCpuSec = null,
    double? CpuShare = null) : WorkerMessage
{
    /// <summary>The per-CPU-second rate when known, else the wall-clock one.</summary>
    [JsonIgnore]
    public double SingleThreadRate => IterationsPerCpuSec is { } perCpu && perCpu > 0 ? perCpu : IterationsPerSec;
}

public sealed record WorkerError([property: JsonRequired] string Message) : WorkerMessage;
