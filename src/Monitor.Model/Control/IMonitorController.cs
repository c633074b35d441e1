using Monitor.Model;

namespace Monitor.Model;

/// <summary>
/// What the UI needs from the program: run workloads, record, and hear about runs and snapshots as a sink
/// (<see cref="Connect"/>). Sinks and events may be called on any thread; the UI marshals them onto its own loop.
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
    /// arrives as a finished run. Stop ends it.</summary>
    void Compare(WorkloadSettings settings);

    /// <summary>May answer "recording not available" through <see cref="StatusChanged"/>.</summary>
    void ToggleRecording();

    /// <summary>Turns live stack sampling on or off (s); returns what to say on the status line. Only an attach
    /// samples stacks live: a run's and a replay's controllers say so.</summary>
    string ToggleStacks() => "live stacks are for attached processes (monitor attach PID); a recording made with --stacks keeps them";

    /// <summary>From now on <paramref name="sink"/> hears of runs and snapshots (finished runs are the results table's rows).</summary>
    void Connect(IMonitorSink sink);

    void Disconnect(IMonitorSink sink);

    /// <summary>One-line messages for the status line.</summary>
    event Action<string>? StatusChanged;
}
