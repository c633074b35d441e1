using System.Text.Json;

namespace Monitor.Model;

/// <summary>
/// manifest.json: what was recorded, how, and how it ended. Written as manifest.partial.json while recording and as
/// manifest.json once, last. Field names follow `run --json` where they mean the same; names are the properties' in
/// camelCase, and a null property is left out.
/// </summary>
/// <remarks>
/// Format 2 added <see cref="Runs"/>: a UI recording can hold several runs, and the top-level workload fields (Mode,
/// Workers, N, ...) only say what was set when recording started. Format 1 bundles have no runs; read them through
/// <c>BundleRuns.Of</c>, which makes their one run from the top-level fields. Readers of format 1 ignore Runs.
/// </remarks>
public sealed record BundleManifest
{
    /// <summary>What a new bundle is written as.</summary>
    public const int CurrentFormatVersion = 2;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public string? MonitorVersion { get; init; }
    public IReadOnlyList<string>? CommandLine { get; init; }
    public int? MonitorPid { get; init; }
    public string? Mode { get; init; }
    public string? Work { get; init; }
    public string? Runtime { get; init; }
    public int? Workers { get; init; }
    public long? N { get; init; }
    public int? SwitchMs { get; init; }
    public bool Stacks { get; init; }
    public MachineInfo? Machine { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public IReadOnlyList<RecordedProcess> Processes { get; init; } = [];
    public long? OsSamplesBytes { get; init; }
    public long? SnapshotsBytes { get; init; }
    public int? SnapshotCount { get; init; }

    /// <summary>The run's result exactly as the last line of `run --json` (type "result"), when the bundle was made
    /// by `monitor run`; null for a UI recording (its runs each have their own, in <see cref="Runs"/>).</summary>
    public JsonElement? Result { get; init; }

    /// <summary>Every run that went on while recording, in the order they started, also one already running when
    /// recording began; null in bundles written before format 2 (see <c>BundleRuns.Of</c>).</summary>
    public IReadOnlyList<BundleRun>? Runs { get; init; }

    /// <summary>Why the recording stopped early (disk full, unwritable directory), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>True only when Monitor wrote every file to its end.</summary>
    public bool Complete { get; init; }
}

/// <summary>The machine the recording was made on.</summary>
/// <param name="SingleThreadRate">Iterations/s of one thread, measured at start; null when not measured.</param>
/// <param name="EffectiveParallelism">Work throughput over the single-thread rate for the whole run, when known.</param>
public sealed record MachineInfo(string? HostName, string? Os, int LogicalCpus, double? SingleThreadRate, double? EffectiveParallelism);

/// <summary>One observed .NET process and its .nettrace.</summary>
/// <param name="Complete">The file holds the whole session: it ended with the process or its session, not because
/// recording stopped or failed.</param>
public sealed record RecordedProcess(int Pid, string Role, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string File, long Bytes, bool Complete);

/// <summary>One run that went on while a bundle was recorded (manifest field <c>runs[]</c>).</summary>
/// <remarks>A run still going when recording stopped has no <see cref="EndedAt"/> and no <see cref="Correct"/>; a run
/// that started before recording began (<see cref="StartedAt"/> before the manifest's) has no .nettrace.</remarks>
public sealed record BundleRun
{
    public string? Mode { get; init; }
    public string? Work { get; init; }
    public string? Runtime { get; init; }
    public int? Workers { get; init; }
    public long? N { get; init; }
    public int? SwitchMs { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The worker processes Monitor started for the run: their .nettrace files and OS samples are the run's.</summary>
    public IReadOnlyList<int> Pids { get; init; } = [];

    /// <summary>The sum was exactly n(n-1)/2 and no worker failed; null while the run had not ended.</summary>
    public bool? Correct { get; init; }

    /// <summary>Why the run did not complete correctly (stopped, a worker failed, a wrong sum), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>The run's result line as `run --json` prints it, once it ended.</summary>
    public JsonElement? Result { get; init; }
}
