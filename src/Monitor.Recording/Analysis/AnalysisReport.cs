using Monitor.Model;

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
    IReadOnlyList<LockSample> Locks,
    IReadOnlyList<ThreadReport> Threads,
    WorkloadReport? Workload,
    long ContentionCount,
    double ContentionWaitMs,
    int GcCount,
    long? PeakWorkingSetBytes,
    double? CpuMs)
{
    /// <summary>The bundle's runs, each from its own processes' traces; empty for a bare .nettrace or an attach
    /// recording. With one run, <see cref="Workload"/> is that run; with several it covers them all and its sum is
    /// not checked (each run's is).</summary>
    public IReadOnlyList<RunReport> Runs { get; init; } = [];

    /// <summary>The hot methods of each process whose trace holds stacks (recorded with --stacks), hottest first;
    /// null when none does.</summary>
    public IReadOnlyList<HotMethod>? HotMethods { get; init; }
}

/// <summary>One run of a bundle: what the manifest says of it and what the traces of its own processes hold.</summary>
/// <param name="Index">1, 2, ... in the order the runs started.</param>
/// <param name="Traced">The bundle has a .nettrace of one of its processes (not for a Python run, nor for a run
/// that was going before recording started).</param>
/// <param name="Workload">From its traces, its sum checked against its own N; no workers without traces.</param>
/// <param name="Correct">Its sum checked in its traces when they hold it, else what the manifest recorded; null
/// when the run had not ended when recording stopped.</param>
/// <param name="CpuMs">Its processes' CPU from the OS samples, when sampled.</param>
public sealed record RunReport(
    int Index,
    BundleRun Run,
    bool Traced,
    WorkloadReport Workload,
    bool? Correct,
    long ContentionCount,
    double ContentionWaitMs,
    int GcCount,
    double? CpuMs)
{
    /// <summary>Had not ended when recording stopped.</summary>
    public bool Unfinished => Run.EndedAt is null && Run.Correct is null;
}

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
