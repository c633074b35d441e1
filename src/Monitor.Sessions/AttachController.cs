using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>The UI's controller for `monitor attach PID`: snapshots of a process Monitor did not start, no workload
/// controls; r records.</summary>
public sealed class AttachController : IMonitorController
{
    private readonly int _pid;
    private readonly Observation _observation;

    public AttachController(int pid, Observation observation, string? traceDir)
    {
        _pid = pid;
        _observation = observation;
        Recording = new SessionRecording(observation, traceDir, message => StatusChanged?.Invoke(message));
    }

    public SessionRecording Recording { get; }

    /// <summary>Says on the status line when the watched process exits, or when its runtime's events stop while it
    /// runs on (the OS figures go on; the header shows why).</summary>
    public void Watch(LiveSession session) =>
        session.Completion.ContinueWith(_ => StatusChanged?.Invoke(session.Ended is { ProcessRunsOn: true }
            ? $"process {_pid} runs on without its runtime's events: CPU and memory from the OS only; press q to quit"
            : $"process {_pid} has exited; press q to quit"), TaskScheduler.Default);

    public bool CanRunWorkloads => false;

    public WorkloadSettings Settings { get; } = new(RunMode.Threads, 1, 1, WorkKind.Cpu);

    public bool IsRunning => false;

    public string? RecordingStatus => Recording.Status;

    public void Connect(IMonitorSink sink) => _observation.Sinks.Add(sink);
    public void Disconnect(IMonitorSink sink) => _observation.Sinks.Remove(sink);
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings) => StatusChanged?.Invoke($"watching process {_pid}: no workloads to run");

    public void Stop() { }

    public void Compare(WorkloadSettings settings) => Start(settings);

    public string ToggleStacks()
    {
        var stacks = _observation.Stacks;
        stacks.Enabled = !stacks.Enabled;
        return stacks.Enabled
            ? $"stacks on: {stacks.Burst.TotalSeconds:0.#} s of samples every {stacks.Period.TotalSeconds:0.#} s; s turns them off"
            : "stacks off: the target is no longer sampled";
    }

    public void ToggleRecording()
    {
        if (Recording.IsRecording) Recording.Stop();
        else Recording.Start(BundleHeader.ForAttach(_pid, _observation.SampleStacks), "attach");
    }
}
