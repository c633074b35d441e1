using System.Globalization;
using Monitor.Recording.Replay;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>
/// The UI's controller for `monitor replay BUNDLE`: plays the recorded snapshots into the same panels, paced as they
/// were recorded (times the speed); space pauses, arrows step, &lt; &gt; change the speed. No workload controls.
/// </summary>
public sealed class ReplayController : IMonitorController, IReplayControls, IDisposable
{
    private static readonly double[] Speeds = [0.25, 0.5, 1, 2, 4, 8, 16, 32];

    private readonly BundleReplay _replay;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private int _index = -1;
    private int _speed = Array.IndexOf(Speeds, 1.0);
    private bool _paused;
    private int _resultsShown;

    public ReplayController(BundleReplay replay)
    {
        _replay = replay;
        _ = Task.Run(PlayAsync);
    }

    public bool CanRunWorkloads => false;

    public WorkloadSettings Settings { get; } = new(RunMode.Threads, 1, 1, WorkKind.Cpu);

    public bool IsRunning => false;

    public string? RecordingStatus => null;

    private readonly SinkSet _sinks = new();

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Connect(IMonitorSink sink)
    {
        _sinks.Add(sink);
        _connected.TrySetResult();
    }

    public void Disconnect(IMonitorSink sink) => _sinks.Remove(sink);
    public event Action<string>? StatusChanged;

    public void Start(WorkloadSettings settings) => StatusChanged?.Invoke("replaying a recording: no workloads to run");
    public void Stop() { }
    public void Compare(WorkloadSettings settings) => Start(settings);
    public void ToggleRecording() => StatusChanged?.Invoke("replaying: nothing new to record");

    public void TogglePause()
    {
        lock (_gate) _paused = !_paused;
        Report();
    }

    public void Step(int frames)
    {
        lock (_gate)
        {
            _paused = true;
            _index = Math.Clamp(_index + frames, 0, _replay.Frames.Count - 1);
        }
        Show();
    }

    public void ChangeSpeed(int direction)
    {
        lock (_gate) _speed = Math.Clamp(_speed + Math.Sign(direction), 0, Speeds.Length - 1);
        Report();
    }

    private async Task PlayAsync()
    {
        try
        {
            // The UI connects as it starts; a frame shown before that would be lost.
            await _connected.Task.WaitAsync(_stop.Token);
            lock (_gate) _index = 0;
            Show();
            var waited = TimeSpan.Zero;
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _stop.Token);
                bool advance;
                lock (_gate)
                {
                    if (_paused || _index >= _replay.Frames.Count - 1)
                    {
                        waited = TimeSpan.Zero;
                        continue;
                    }
                    waited += TimeSpan.FromMilliseconds(50) * Speeds[_speed];
                    advance = waited >= _replay.Frames[_index + 1].At - _replay.Frames[_index].At;
                    if (advance)
                    {
                        _index++;
                        waited = TimeSpan.Zero;
                    }
                }
                if (advance) Show();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Show()
    {
        ReplayFrame frame;
        bool last;
        lock (_gate)
        {
            frame = _replay.Frames[_index];
            last = _index == _replay.Frames.Count - 1;
        }
        _sinks.SnapshotTaken(frame.Snapshot);
        Report();
        // Each run's result joins the table once the replay has passed the run's end (at the last frame for one
        // whose end is not known): a UI recording's runs appear one after another, as they did live.
        var due = new List<RunSummary>();
        lock (_gate)
        {
            var results = _replay.Results;
            while (_resultsShown < results.Count
                   && (last || results[_resultsShown].EndedAt is { } ended && ended <= frame.Snapshot.Time))
            {
                due.Add(ResultJson.Summary(results[_resultsShown++].Summary));
            }
        }
        foreach (var row in due) _sinks.RunFinished(row, started: null);
    }

    private void Report()
    {
        string position;
        lock (_gate)
        {
            var at = _index < 0 ? TimeSpan.Zero : _replay.Frames[_index].At;
            position = string.Create(CultureInfo.InvariantCulture,
                $"replay {at.TotalSeconds:0.0} s / {_replay.Duration.TotalSeconds:0.0} s  frame {_index + 1}/{_replay.Frames.Count}  ×{Speeds[_speed]}  {(_paused ? "paused" : "playing")}  (space, ← →, < >)");
        }
        StatusChanged?.Invoke(_replay.IsComplete ? position : position + "  [incomplete recording]");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
