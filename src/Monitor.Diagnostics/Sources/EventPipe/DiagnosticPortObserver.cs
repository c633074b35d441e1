using System.Diagnostics;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// Watches every .NET worker process from its first instruction: before the start it gives the worker a diagnostic
/// port to connect to (<c>DOTNET_DiagnosticPorts</c>, connect, nosuspend) and holds the workload at its
/// <see cref="StartGate"/>; once connected, it starts the EventPipe session and only then lets the workload go, so no
/// event of the workload is missed. (Attaching after the start races the runtime's own socket and loses the first
/// events.)
/// </summary>
public sealed class DiagnosticPortObserver : IWorkerProcessObserver, IAsyncDisposable
{
    public const string DiagnosticPortsVariable = OrphanCleanup.DiagnosticPortsVariable;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly IRuntimeEventSink _sink;
    private readonly Func<int, Stream?>? _recordingFor;
    private readonly object _gate = new();
    private readonly List<LiveSession> _sessions = new();
    private readonly List<DiagnosticPortAttachment> _pending = new();
    private readonly List<Process> _workers = new();
    private PrivateSocketDirectory? _directory;
    private bool _disposed;

    /// <param name="sink">Receives every process's events, on the sessions' reading threads.</param>
    /// <param name="counterInterval">How often the runtime reports its counters; default 1 s.</param>
    /// <param name="recordingFor">Called once per worker pid; a stream it returns receives a byte-identical copy of the
    /// session's stream (a .nettrace) and is disposed when the session ends. Null or a null stream: no copy.</param>
    /// <param name="connectTimeout">How long a worker may take to connect to its port; default 10 s.</param>
    /// <param name="sampleStacks">Also ask for the sample profiler's stacks and the method names they need (for flame
    /// graphs of a recording); costs far more bytes.</param>
    public DiagnosticPortObserver(
        IRuntimeEventSink sink,
        TimeSpan? counterInterval = null,
        Func<int, Stream?>? recordingFor = null,
        TimeSpan? connectTimeout = null,
        bool sampleStacks = false)
    {
        SampleStacks = sampleStacks;
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        CounterInterval = counterInterval ?? SessionProviders.DefaultCounterInterval;
        if (CounterInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(counterInterval), "the counter interval must be positive");
        ConnectTimeout = connectTimeout ?? DefaultConnectTimeout;
        _recordingFor = recordingFor;
    }

    public TimeSpan CounterInterval { get; }
    public TimeSpan ConnectTimeout { get; }
    public bool SampleStacks { get; }

    /// <summary>The private (0700) directory holding the workers' diagnostic-port sockets; null before the first worker.</summary>
    public string? SocketDirectory
    {
        get { lock (_gate) return _directory?.Path; }
    }

    /// <summary>The sessions started so far, ended ones included until the next worker is prepared (a UI session
    /// starts run after run: ended sessions and exited workers are dropped then, so memory stays bounded).</summary>
    public IReadOnlyList<LiveSession> Sessions
    {
        get { lock (_gate) return _sessions.ToArray(); }
    }

    public IWorkerProcessAttachment? Prepare(ProcessStartInfo start)
    {
        string socketPath;
        DiagnosticPortAttachment attachment;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            DropEnded();
            _directory ??= new PrivateSocketDirectory();
            socketPath = _directory.NewSocketPath();
            // Listening starts here, before the worker exists: the runtime connects as soon as it starts. Under the
            // lock, so the directory cannot be removed as empty between its path and its socket.
            attachment = new DiagnosticPortAttachment(this, socketPath, ConnectTimeout);
            _pending.Add(attachment);
        }
        // nosuspend: the runtime connects at once but goes on; the workload waits at StartGate until the session runs.
        start.Environment[DiagnosticPortsVariable] = socketPath + ",connect,nosuspend";
        start.Environment[StartGate.Variable] = StartGate.StdinClosed;
        WorkerEnvironment.EnableDiagnosticIpc(start);
        return attachment;
    }

    /// <summary>After a worker's socket is deleted: once no socket is left and none is being prepared, the private
    /// directory goes too (the next worker gets a new one), so a Monitor killed between runs leaves no directory.</summary>
    internal void SocketDeleted()
    {
        lock (_gate)
        {
            if (_directory is null || _pending.Count > 0) return;
            try
            {
                if (!OperatingSystem.IsWindows() && Directory.EnumerateFileSystemEntries(_directory.Path).Any()) return;
            }
            catch (DirectoryNotFoundException)
            {
            }
            _directory.Dispose();
            _directory = null;
        }
    }

    private void DropEnded()
    {
        _sessions.RemoveAll(session => session.Completion.IsCompleted);
        _workers.RemoveAll(worker =>
        {
            if (!HasExited(worker)) return false;
            DefaultDiagnosticSockets.RemoveStale(worker);
            return true;
        });
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    internal IRuntimeEventSink Sink => _sink;

    internal Stream? RecordingFor(int pid)
    {
        if (_recordingFor is null) return null;
        try
        {
            return _recordingFor(pid);
        }
        catch (Exception)
        {
            // The recorder says why it cannot record this process (TraceRecorder.StreamFor fails itself); watching goes on.
            return null;
        }
    }

    internal void Attached(DiagnosticPortAttachment attachment, LiveSession session, Process worker)
    {
        lock (_gate)
        {
            _pending.Remove(attachment);
            _sessions.Add(session);
            _workers.Add(worker);
        }
    }

    internal void Abandoned(DiagnosticPortAttachment attachment)
    {
        lock (_gate) _pending.Remove(attachment);
    }

    /// <summary>Stops every session (each ends with its <see cref="SessionEnded"/>) and removes the sockets left by
    /// workers that were killed.</summary>
    /// <summary>Stops the sessions of <paramref name="pids"/> only (a finished run's), waiting until each has read its
    /// process's last event; other sessions go on.</summary>
    public async Task StopAsync(IReadOnlyCollection<int> pids)
    {
        LiveSession[] sessions;
        lock (_gate) sessions = _sessions.Where(s => pids.Contains(s.Pid)).ToArray();
        await Task.WhenAll(sessions.Select(s => s.StopAsync())).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        LiveSession[] sessions;
        DiagnosticPortAttachment[] pending;
        lock (_gate)
        {
            sessions = _sessions.ToArray();
            pending = _pending.ToArray();
        }
        foreach (var p in pending) p.Abandon();
        await Task.WhenAll(sessions.Select(s => s.StopAsync())).ConfigureAwait(false);
        Process[] workers;
        lock (_gate) workers = _workers.ToArray();
        foreach (var w in workers) DefaultDiagnosticSockets.RemoveStale(w);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        await StopAsync().ConfigureAwait(false);
        lock (_gate) _directory?.Dispose();
    }
}
