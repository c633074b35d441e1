using System.Text.Json;

namespace Monitor.Tests.Fidelity;

// The lines of `monitor run --json` as the test reads them: its own small model of the documented fields (not
// Monitor's types), so a renamed or reinterpreted field shows up here.

public sealed record SnapshotLine(
    double T, DateTimeOffset Time, double IntervalSec, WorkloadFields? Workload,
    ProcessFields[] Processes, ThreadFields[] Threads, ContentionFields Contention, TotalsFields Totals, string? ThreadReader = null)
{
    public double Start => T - IntervalSec;
    public bool Finished => Workload?.Finished == true;
    public IEnumerable<ProcessFields> Owned => Processes.Where(p => p.Role != "monitor");
    public IEnumerable<ThreadFields> WorkerThreads => Threads.Where(t => t.Role == "worker");
}

public sealed record WorkloadFields(string? Mode, string? Runtime, int Workers, long N, double ElapsedSec, long Iterations, bool Finished);

public sealed record ProcessFields(
    int Pid, string Name, string Role, long WorkingSetBytes, long PeakWorkingSetBytes, long? GcHeapBytes, long? GcCount,
    double CpuPercent, double CpuMs, int ThreadCount, bool? Exited);

public sealed record ThreadFields(
    int Pid, int Tid, string Name, string Role, int? Worker, double CpuPercent, double UserPercent, double SystemPercent,
    double? CpuWaitPercent, double? BlockedPerSec, double? PreemptedPerSec, double? IterationsPerSec, double CpuMs, string State);

public sealed record ContentionFields(long Count, double WaitMs);

public sealed record TotalsFields(
    double CpuPercent, long WorkingSetBytes, long GcHeapBytes, double IterationsPerSec, double Progress,
    double? EffectiveParallelism, string? EffectiveParallelismUncertain, double? OtherCpuPercent,
    double CpuMs, long ContentionCount, double ContentionWaitMs, long GcCount);

public sealed record ResultLine(
    string Mode, string Runtime, int Workers, long N, bool Correct, double ElapsedMs, double? StartupMs, double? CpuMs,
    long? PeakWorkingSetBytes, long? ContentionCount, double? ContentionWaitMs, long? GcCount,
    double? EffectiveParallelism, string? EffectiveParallelismUncertain, double? OtherCpuPercent,
    string Outcome, string? Failure, WorkerThreadFields[] WorkerThreads);

public sealed record WorkerThreadFields(int Pid, int Tid, int Worker, long Iterations, double? CpuMs);

/// <summary>The cumulative figures every view of a run gives: the result line, the final snapshot, analyze and replay.
/// Null where the view does not give the figure (a Python run has no runtime events; a run whose workers were killed
/// has no CPU time of their own).</summary>
public sealed record Cumulative(double? CpuMs, double? ContentionCount, double? ContentionWaitMs, double? GcCount)
{
    public static Cumulative Of(TotalsFields t) => new(t.CpuMs, t.ContentionCount, t.ContentionWaitMs, t.GcCount);

    public static Cumulative Of(ResultLine r) => new(r.CpuMs, r.ContentionCount, r.ContentionWaitMs, r.GcCount);

    /// <summary>From an object with the fields `cpuMs, contentionCount, contentionWaitMs, gcCount` (analyze's report and
    /// each of its runs).</summary>
    public static Cumulative Of(JsonElement e) => new(
        Number(e, "cpuMs"), Number(e, "contentionCount"), Number(e, "contentionWaitMs"), Number(e, "gcCount"));

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public override string ToString() =>
        $"cpuMs {CpuMs?.ToString() ?? "-"}, contentionCount {ContentionCount?.ToString() ?? "-"}, contentionWaitMs {ContentionWaitMs?.ToString() ?? "-"}, gcCount {GcCount?.ToString() ?? "-"}";
}

public static class JsonLines
{
    public static bool IsSnapshot(string line) => line.StartsWith("{\"type\":\"snapshot\"", StringComparison.Ordinal);

    public static bool IsResult(string line) => line.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal);

    public static SnapshotLine Snapshot(string line) =>
        JsonSerializer.Deserialize<SnapshotLine>(line, JsonSerializerOptions.Web) ?? throw new FormatException(line);

    public static ResultLine Result(string line) =>
        JsonSerializer.Deserialize<ResultLine>(line, JsonSerializerOptions.Web) ?? throw new FormatException(line);
}
