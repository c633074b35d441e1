using Monitor.Snapshots;
using Monitor.Tui.Control;

namespace Monitor.Cli.Sessions;

/// <summary>The UI's controller for `monitor attach PID`: snapshots of a process Monitor did not start, no workload
/// controls.</summary>
public sealed class AttachController : IMonitorController
{
    private readonly int _pid;

    public AttachController(int pid, Observation observation, Task sessionEnded)
    {
        _pid = pid;
        observation.SnapshotTaken += s => SnapshotReady?.Invoke(s);
        sessionEnded.ContinueWith(_ => StatusChanged?.Invoke($"process {pid} has exited; press q to quit"), TaskScheduler.Default);
    }

    public bool CanRunWorkloads => false;

    public WorkloadSettings Settings { get; } = new("threads", 1, 1, "cpu");

    public bool IsRunning => false;

    public string? RecordingStatus => null;

    public event Action<Snapshot>? SnapshotReady;
    public event Action<RunSummary>? RunFinished { add { } remove { } }
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings) => StatusChanged?.Invoke($"watching process {_pid}: no workloads to run");

    public void Stop() { }

    public void Compare(WorkloadSettings settings) => Start(settings);

    public void ToggleRecording() => StatusChanged?.Invoke("recording is not available in this build yet");
}
