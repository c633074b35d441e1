using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>The UI's controller for `monitor attach PID...`: snapshots of processes Monitor did not start, no workload
/// controls; r records; the picker adds and removes processes through <see cref="ITargetControls"/>.</summary>
public sealed class AttachController : IMonitorController, ITargetControls
{
    private readonly Observation _observation;
    private readonly CancellationTokenSource _stop = new();
    private AttachTargets? _targets;
    private Task _watching = Task.CompletedTask;

    public AttachController(Observation observation, string? traceDir)
    {
        _observation = observation;
        Recording = new SessionRecording(observation, traceDir, Say);
    }

    public SessionRecording Recording { get; }

    /// <summary>What happens to the watched processes, for the status line (exits, children found, events stopped).</summary>
    public void Say(string message) => StatusChanged?.Invoke(message);

    /// <summary>Watches <paramref name="targets"/> until <see cref="StopWatchingAsync"/>: exits and children are told on
    /// the status line; the UI stays when none is left.</summary>
    public void Watch(AttachTargets targets)
    {
        _targets = targets;
        _watching = targets.RunAsync(untilAllGone: false, _stop.Token);
    }

    public async Task StopWatchingAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
    }

    public bool CanRunWorkloads => false;

    public WorkloadSettings Settings { get; } = new(RunMode.Threads, 1, 1, WorkKind.Cpu);

    public bool IsRunning => false;

    public string? RecordingStatus => Recording.Status;

    public void Connect(IMonitorSink sink) => _observation.Sinks.Add(sink);
    public void Disconnect(IMonitorSink sink) => _observation.Sinks.Remove(sink);
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings) => Say("watching processes: no workloads to run");

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
        else Recording.Start(BundleHeader.ForAttach(_observation.SampleStacks), "attach");
    }

    public IReadOnlyList<TargetChoice> Choices()
    {
        var watched = _targets?.Watched() ?? [];
        var byPid = watched.ToDictionary(t => t.Pid);
        foreach (var process in DotnetProcesses.List())
        {
            if (byPid.TryGetValue(process.Pid, out var known))
            {
                byPid[process.Pid] = known with { Name = process.Name, CommandLine = process.CommandLine };
            }
            else
            {
                byPid[process.Pid] = new TargetChoice(process.Pid, process.Name, process.CommandLine, TargetStatus.Available);
            }
        }
        return [.. byPid.Values.OrderBy(c => c.Pid)];
    }

    public void Add(int pid) => _ = AddAsync(pid);

    public void Remove(int pid) => _ = RemoveAsync(pid);

    private async Task AddAsync(int pid)
    {
        if (_targets is not { } targets) return;
        Say($"attaching to process {pid}...");
        try
        {
            await targets.AddAsync(pid, _stop.Token).ConfigureAwait(false);
            Say($"watching process {pid}");
        }
        catch (AttachFailedException e)
        {
            Say(e.Message);
        }
        catch (OperationCanceledException)
        {
            // The UI is closing.
        }
    }

    private async Task RemoveAsync(int pid)
    {
        if (_targets is not { } targets) return;
        Say(await targets.RemoveAsync(pid).ConfigureAwait(false) ? $"no longer watching process {pid}" : $"process {pid} was not watched");
    }
}
