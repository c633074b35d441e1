using Monitor.Model;

namespace Monitor.Tests.Tui;

/// <summary>Records what the UI asked for and lets a test tell the connected UI of snapshots, runs and status.</summary>
public class FakeMonitorController(bool canRunWorkloads = true) : IMonitorController
{
    public int StacksToggles { get; private set; }

    public string ToggleStacks()
    {
        StacksToggles++;
        return "stacks on (fake)";
    }

    public List<WorkloadSettings> Started { get; } = [];
    public int Stops { get; private set; }
    public int RecordingToggles { get; private set; }

    public bool CanRunWorkloads { get; } = canRunWorkloads;
    public WorkloadSettings Settings { get; set; } = new(RunMode.Threads, 4, 1_000_000_000, WorkKind.Cpu);
    public bool IsRunning { get; set; }
    public string? RecordingStatus { get; set; }

    private readonly SinkSet _sinks = new();

    public void Connect(IMonitorSink sink) => _sinks.Add(sink);
    public void Disconnect(IMonitorSink sink) => _sinks.Remove(sink);
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings)
    {
        Started.Add(settings);
        Settings = settings;
        IsRunning = true;
    }

    public void Stop()
    {
        Stops++;
        IsRunning = false;
    }

    public List<WorkloadSettings> Compared { get; } = [];

    public void Compare(WorkloadSettings settings)
    {
        Compared.Add(settings);
        IsRunning = true;
    }

    public void ToggleRecording()
    {
        RecordingToggles++;
        RecordingStatus = RecordingStatus is null ? "REC ./monitor-gil-20261125-101010 1.2 MB" : null;
    }

    public void RaiseSnapshot(Snapshot snapshot) => _sinks.SnapshotTaken(snapshot);

    public void RaiseRunFinished(RunSummary summary) => _sinks.RunFinished(summary, started: null);

    public void RaiseStatus(string message) => StatusChanged?.Invoke(message);
}
