using System.Text.Json;

namespace Monitor.Recording.Bundles;

/// <summary>
/// manifest.json: what was recorded, how, and how it ended. Written as manifest.partial.json while recording and as
/// manifest.json once, last. Field names follow `run --json` where they mean the same.
/// </summary>
public sealed record BundleManifest
{
    public int FormatVersion { get; init; } = 1;
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

    /// <summary>The run's result exactly as the last line of `run --json` (type "result"), when there was a run.</summary>
    public JsonElement? Result { get; init; }

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
