using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;
using Monitor.Runners;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// One worker's diagnostic port: listening from construction (before the worker starts), then on attach: wait for the
/// runtime to connect and start the session; the runner then opens the worker's start gate. The listener lives as long as the session, because every
/// later command (Stop) goes over a new connection the runtime makes to it.
/// </summary>
internal sealed class DiagnosticPortAttachment : IWorkerProcessAttachment
{
    private readonly DiagnosticPortObserver _observer;
    private readonly string _socketPath;
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _deadline;
    private readonly Task<DiagnosticsClientConnector> _connecting;

    public DiagnosticPortAttachment(DiagnosticPortObserver observer, string socketPath, TimeSpan timeout)
    {
        _observer = observer;
        _socketPath = socketPath;
        _timeout = timeout;
        _deadline = new CancellationTokenSource(timeout);
        // Binds and listens synchronously; only the accept is awaited.
        _connecting = DiagnosticsClientConnector.FromDiagnosticPort(socketPath, _deadline.Token);
        if (_connecting.IsFaulted)
        {
            _deadline.Dispose();
            throw new InvalidOperationException($"cannot listen on diagnostic port {socketPath}: {_connecting.Exception!.GetBaseException().Message}", _connecting.Exception.GetBaseException());
        }
    }

    public async Task AttachAsync(Process process, CancellationToken cancel)
    {
        int pid = process.Id;
        DiagnosticsClientConnector? connector = null;
        EventPipeSession? session = null;
        LiveSession? live = null;
        try
        {
            using var _ = cancel.Register(Abandon);
            connector = await ConnectAsync(process, pid, cancel).ConfigureAwait(false);
            var client = connector.Instance;
            session = await client.StartEventPipeSessionAsync(SessionProviders.Configuration(_observer.CounterInterval, _observer.SampleStacks, ownWorker: true), _deadline.Token).ConfigureAwait(false);
            var ownConnector = connector;
            live = new LiveSession(pid, session, _observer.Sink, _observer.RecordingFor(pid), endedByItself => Ended(ownConnector, process, endedByItself));
            _observer.Attached(this, live, process);
            // Read before the workload is let go (the runner closes its stdin once this returns): from here on the
            // runtime's buffers drain into the parser. The runtime itself was never suspended (connect,nosuspend).
            live.Start();
        }
        catch (Exception e)
        {
            _observer.Abandoned(this);
            if (live is not null)
            {
                // The session owns the connector and the socket now, and cleans both up when it ends.
                await live.StopAsync().ConfigureAwait(false);
            }
            else
            {
                session?.Dispose();
                if (connector is not null) await connector.DisposeAsync().ConfigureAwait(false);
                PrivateSocketDirectory.DeleteSocket(_socketPath);
                _observer.SocketDeleted();
            }
            if (e is OperationCanceledException && cancel.IsCancellationRequested) throw;
            if (e is TimeoutException) throw;
            if (e is OperationCanceledException) throw new TimeoutException($"attaching to worker process {pid} took longer than {_timeout.TotalSeconds:0.#} s", e);
            throw new InvalidOperationException($"could not attach to worker process {pid}: {e.Message}", e);
        }
        finally
        {
            _deadline.Dispose();
        }
    }

    private async Task<DiagnosticsClientConnector> ConnectAsync(Process process, int pid, CancellationToken cancel)
    {
        var exited = process.WaitForExitAsync(_deadline.Token);
        await Task.WhenAny(_connecting, exited).ConfigureAwait(false);
        if (!_connecting.IsCompleted && process.HasExited)
        {
            Abandon();
            throw new InvalidOperationException($"worker process {pid} exited with code {process.ExitCode} before connecting to its diagnostic port");
        }
        DiagnosticsClientConnector? connector;
        try
        {
            connector = await _connecting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connector = null;
        }
        if (connector is not null) return connector;
        cancel.ThrowIfCancellationRequested();
        throw new TimeoutException($"worker process {pid} did not connect to its diagnostic port {_socketPath} within {_timeout.TotalSeconds:0.#} s");
    }

    /// <summary>Stops listening when the worker will never be attached.</summary>
    public void Abandon()
    {
        try
        {
            _deadline.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>How long a worker whose stream ended by itself may take to exit before its session counts as failed
    /// (the worker computing on without events). A normal exit ends the stream moments before the process.</summary>
    internal static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(3);

    /// <summary>On the session's reading thread, once its stream has ended; returns whether the worker has exited.</summary>
    private bool? Ended(DiagnosticsClientConnector connector, Process process, bool endedByItself)
    {
        connector.DisposeAsync().AsTask().GetAwaiter().GetResult();
        PrivateSocketDirectory.DeleteSocket(_socketPath);
        _observer.SocketDeleted();
        if (!endedByItself) return null;
        // A stream that ended by itself means the worker exited or was killed, or the session failed while the worker
        // runs on; give the kernel a moment to reap an ending worker before telling which.
        bool exited = process.WaitForExit(ExitGrace);
        if (exited) DefaultDiagnosticSockets.RemoveStale(process);
        return exited;
    }
}
