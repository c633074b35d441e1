using Monitor.Model;

namespace Monitor.Model;

/// <summary>
/// What the UI needs from the program: run workloads, record, and hear about snapshots and finished runs.
/// Events may be raised on any thread; the UI marshals them onto its own loop.
/// </summary>
public interface IMonitorController
{
    /// <summary>False when attached to an external process or replaying a recording.</summary>
    bool CanRunWorkloads { get; }

    /// <summary>The settings of the current or last run (the UI starts from them).</summary>
    WorkloadSettings Settings { get; }

    bool IsRunning { get; }

    /// <summary>e.g. "REC ./monitor-gil-20261125-101010 1.2 MB"; null when not recording.</summary>
    string? RecordingStatus { get; }

    /// <summary>Stops the current run (ending its worker processes) and starts this one.</summary>
    void Start(WorkloadSettings settings);

    void Stop();

    /// <summary>Runs the comparison matrix (single; threads, processes, gil with the settings' K and N); each row
    /// arrives through <see cref="RunFinished"/>. Stop ends it.</summary>
    void Compare(WorkloadSettings settings);

    /// <summary>May answer "recording not available" through <see cref="StatusChanged"/>.</summary>
    void ToggleRecording();

    event Action<Snapshot>? SnapshotReady;

    event Action<RunSummary>? RunFinished;

    /// <summary>One-line messages for the status line.</summary>
    event Action<string>? StatusChanged;
}
