using System.Diagnostics;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Runners;

/// <summary>One started worker process: reads its stdout protocol into the states of its workers and keeps the tail
/// of its stderr to explain a failure.</summary>
public sealed class WorkerProcess : IObservedProcess
{
    private readonly Dictionary<int, WorkerState> _workers;
    private readonly Queue<string> _stderrTail = new();
    private readonly Action<WorkerProcess, WorkerMessage> _onMessage;
    private string? _protocolError;

    internal WorkerProcess(Process process, IReadOnlyList<WorkerState> workers, Action<WorkerProcess, WorkerMessage> onMessage)
    {
        Process = process;
        Pid = process.Id;
        _workers = workers.ToDictionary(w => w.Worker);
        _onMessage = onMessage;
        Reading = Task.WhenAll(ReadStdout(), ReadStderr());
    }

    public Process Process { get; }
    public int Pid { get; }
    public IReadOnlyCollection<WorkerState> Workers => _workers.Values;

    /// <summary>Completes when both output streams have ended.</summary>
    internal Task Reading { get; }

    private readonly Dictionary<int, WorkerUsage> _usage = new();

    /// <summary>CPU time and peak memory as reported by this process and any children it made (Python's
    /// multiprocessing workers), each as its last line.</summary>
    public IReadOnlyCollection<WorkerUsage> Usage
    {
        get { lock (_usage) return _usage.Values.ToArray(); }
    }

    public bool ReportedUsage
    {
        get { lock (_usage) return _usage.ContainsKey(Pid); }
    }

    /// <summary>What Monitor read of this process (or a child of it) just before ending it, in place of the usage line
    /// it will not send; a line it did send is kept.</summary>
    internal void RecordLastReading(WorkerUsage reading)
    {
        lock (_usage) _usage.TryAdd(reading.Pid, reading);
    }

    public bool AllFinished => _workers.Values.All(w => w.Finished);

    /// <summary>When, on the run's clock, this process sent its own usage line: its last, after every result.</summary>
    internal TimeSpan? ReportedAt { get; set; }

    /// <summary>Why this process failed, or null.</summary>
    public string? Failure()
    {
        if (!Process.HasExited) return null;
        int code = Process.ExitCode;
        if (code == 0 && AllFinished) return null;
        string why = _protocolError ?? (code == 0 ? "exited before reporting every result" : ExitReason.Describe(code));
        string? detail;
        lock (_stderrTail) detail = _stderrTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return detail is null ? $"worker process {Pid} {why}" : $"worker process {Pid} {why}: {detail.Trim()}";
    }

    private async Task ReadStdout()
    {
        var reader = Process.StandardOutput;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (!WorkerMessage.TryParse(line, out var message) || message is null) continue;
            switch (message)
            {
                case WorkerStarted s when _workers.TryGetValue(s.Worker, out var w):
                    w.OnStarted(s.Pid, s.Tid, s.Start, s.End);
                    break;
                case WorkerProgress p when _workers.TryGetValue(p.Worker, out var w):
                    w.OnProgress(p.Iterations, p.CpuMs);
                    break;
                case WorkerFinished f when _workers.TryGetValue(f.Worker, out var w):
                    w.OnFinished(f.Iterations, f.Sum, f.CpuMs);
                    break;
                case WorkerUsage u:
                    lock (_usage) _usage[u.Pid] = u;
                    break;
                case WorkerError e:
                    _protocolError = e.Message;
                    break;
            }
            _onMessage(this, message);
        }
    }

    private async Task ReadStderr()
    {
        var reader = Process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > 20) _stderrTail.Dequeue();
            }
        }
    }
}
