using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Workloads;

/// <summary>
/// The line protocol a worker process speaks on stdout (one JSON object a line). Monitor's .NET workers and the
/// Python worker script write the same lines; it is the pipe that brings partial results back, like the seed's
/// multiprocessing Queue.
/// </summary>
public abstract record WorkerMessage
{
    public static string Format(WorkerMessage message) => message switch
    {
        WorkerStarted m => Invariant($"{{\"type\":\"started\",\"worker\":{m.Worker},\"pid\":{m.Pid},\"tid\":{m.Tid},\"start\":{m.Start},\"end\":{m.End}{OptionalLong("atNs", m.AtNs)}}}"),
        WorkerProgress m => Invariant($"{{\"type\":\"progress\",\"worker\":{m.Worker},\"iterations\":{m.Iterations}{Optional("cpuMs", m.CpuMs)}}}"),
        WorkerFinished m => Invariant($"{{\"type\":\"finished\",\"worker\":{m.Worker},\"iterations\":{m.Iterations},\"sum\":\"{m.Sum}\"{Optional("cpuMs", m.CpuMs)}}}"),
        WorkerUsage m => Invariant($"{{\"type\":\"usage\",\"pid\":{m.Pid},\"cpuMs\":{Math.Round(m.CpuMs, 3)},\"peakWorkingSetBytes\":{m.PeakWorkingSetBytes}{Optional("userMs", m.UserMs)}{Optional("systemMs", m.SystemMs)}{OptionalLong("atNs", m.AtNs)}}}"),
        CalibrationResult m => Invariant($"{{\"type\":\"calibration\",\"iterationsPerSec\":{m.IterationsPerSec:R}")
            + (m.IterationsPerCpuSec is { } perCpu ? Invariant($",\"iterationsPerCpuSec\":{perCpu:R}") : "")
            + (m.CpuShare is { } share ? Invariant($",\"cpuShare\":{share:R}") : "") + "}",
        WorkerError m => "{\"type\":\"error\",\"message\":" + JsonSerializer.Serialize(m.Message) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string OptionalLong(string name, long? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $",\"{name}\":{v}") : "";

    private static string Optional(string name, double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $",\"{name}\":{Math.Round(v, 3)}") : "";

    /// <summary>Reads one line; anything that is not a well-formed message gives false (a worker's stray output is
    /// not a reason to fail a run).</summary>
    public static bool TryParse(string line, out WorkerMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{') return false;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type)) return false;
            message = type.GetString() switch
            {
                "started" => new WorkerStarted(Int(root, "worker"), Int(root, "pid"), Int(root, "tid"), Long(root, "start"), Long(root, "end"), OptionalLong(root, "atNs")),
                "progress" => new WorkerProgress(Int(root, "worker"), Long(root, "iterations"), OptionalDouble(root, "cpuMs")),
                "finished" => new WorkerFinished(Int(root, "worker"), Long(root, "iterations"), Int128.Parse(root.GetProperty("sum").GetString()!, CultureInfo.InvariantCulture),
                    OptionalDouble(root, "cpuMs")),
                "usage" => new WorkerUsage(Int(root, "pid"), root.GetProperty("cpuMs").GetDouble(), Long(root, "peakWorkingSetBytes"),
                    OptionalDouble(root, "userMs"), OptionalDouble(root, "systemMs"), OptionalLong(root, "atNs")),
                "calibration" => new CalibrationResult(root.GetProperty("iterationsPerSec").GetDouble(),
                    OptionalDouble(root, "iterationsPerCpuSec"), OptionalDouble(root, "cpuShare")),
                "error" => new WorkerError(root.GetProperty("message").GetString() ?? ""),
                _ => null,
            };
            return message is not null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            return false;
        }
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();
    private static double? OptionalDouble(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : null;
    private static long? OptionalLong(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : null;
}

/// <summary>A worker thread began; <see cref="Tid"/> is its operating-system thread id, <see cref="AtNs"/> when, on
/// <see cref="MonotonicClock"/> (null: not told).</summary>
public sealed record WorkerStarted(int Worker, int Pid, int Tid, long Start, long End, long? AtNs = null) : WorkerMessage;

/// <summary>Iterations a worker thread has done so far and, where the system tells, the CPU time that thread had used
/// when they were read (both at once, so their ratio is the thread's own rate per CPU second).</summary>
public sealed record WorkerProgress(int Worker, long Iterations, double? CpuMs = null) : WorkerMessage;

/// <summary>A worker thread's result; <see cref="CpuMs"/> is its own CPU time as the system accounts it.</summary>
public sealed record WorkerFinished(int Worker, long Iterations, Int128 Sum, double? CpuMs = null) : WorkerMessage;

/// <summary>The last line of a worker process: its CPU time (and its user and system parts, where told) and peak
/// resident memory, read from the OS by the process itself just before it exits, and when (<see cref="MonotonicClock"/>).</summary>
public sealed record WorkerUsage(int Pid, double CpuMs, long PeakWorkingSetBytes, double? UserMs = null, double? SystemMs = null, long? AtNs = null) : WorkerMessage;

/// <summary>One thread's rate of the kernel: <see cref="IterationsPerSec"/> over the wall-clock window (what the machine
/// gave it then), <see cref="IterationsPerCpuSec"/> per second of the thread's own CPU time as the best of short windows
/// (what one thread does while it runs: the unit of effective parallelism, unshrunk by other load), and
/// <see cref="CpuShare"/>, the thread's CPU time over the wall time of the measurement (at most 1); the last two are
/// null where the thread's CPU time is unknown.</summary>
public sealed record CalibrationResult(double IterationsPerSec, double? IterationsPerCpuSec = null, double? CpuShare = null) : WorkerMessage
{
    /// <summary>The per-CPU-second rate when known, else the wall-clock one.</summary>
    public double SingleThreadRate => IterationsPerCpuSec is { } perCpu && perCpu > 0 ? perCpu : IterationsPerSec;
}

public sealed record WorkerError(string Message) : WorkerMessage;
