using Monitor.Recording.Bundles;

namespace Monitor.Recording.Analysis;

/// <summary>What `monitor analyze` found in a bundle or a bare .nettrace, from the files alone.</summary>
/// <param name="Complete">Everything was read to its end and Monitor finished the bundle.</param>
/// <param name="Problems">Why not complete, one sentence each.</param>
/// <param name="Notes">Worth knowing, but not damage (a worker that was killed, a stream cut by a stopped
/// recording the manifest announces).</param>
public sealed record AnalysisReport(
    string Source,
    bool IsBundle,
    bool Complete,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    BundleManifest? Manifest,
    double? DurationMs,
    IReadOnlyList<ProcessReport> Processes,
    IReadOnlyList<Monitor.Snapshots.LockSample> Locks,
    IReadOnlyList<ThreadReport> Threads,
    WorkloadReport? Workload,
    long ContentionCount,
    double ContentionWaitMs,
    int GcCount,
    long? PeakWorkingSetBytes,
    double? CpuMs);

/// <summary>One process: its trace (when it has one) and what the OS said of it.</summary>
public sealed record ProcessReport(
    int Pid,
    string Role,
    string? File,
    long Bytes,
    bool TraceComplete,
    string? TraceError,
    double DurationMs,
    long EventCount,
    int GcCount,
    IReadOnlyDictionary<int, long> GcByGeneration,
    long? PeakWorkingSetBytes,
    long? PeakGcHeapBytes,
    long ContentionCount,
    double ContentionWaitMs,
    long StackSamples,
    double? CpuMs,
    IReadOnlyList<EventCountReport> Events);

public sealed record EventCountReport(string Provider, string Event, long Count);


/// <summary>One thread: CPU from the OS sampler (null without one), waits from the contention events.</summary>
public sealed record ThreadReport(int Pid, int Tid, string Name, string Role, int? Worker, double? CpuMs, long ContentionCount, double ContentionWaitMs);

/// <summary>The workload as its own events (Monitor-Sum) and the manifest describe it.</summary>
/// <param name="Sum">Sum of the finished workers' totals; null when no worker finished.</param>
/// <param name="Expected">n(n-1)/2 when N is known.</param>
/// <param name="IterationsPerSec">Iterations over the span between the workload's first and last own events.</param>
public sealed record WorkloadReport(
    string? Mode,
    int? Workers,
    long? N,
    Int128? Sum,
    Int128? Expected,
    bool? Correct,
    double? ElapsedMs,
    long Iterations,
    double? IterationsPerSec,
    IReadOnlyList<WorkerReport> WorkerThreads);

public sealed record WorkerReport(int Pid, int Tid, int Worker, long Iterations, bool Finished, string? Total, long ProgressEvents);
