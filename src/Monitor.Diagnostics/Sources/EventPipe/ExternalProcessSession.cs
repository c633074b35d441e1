using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Diagnostics.NETCore.Client;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// Watches a .NET process Monitor did not start (<c>monitor attach PID</c>) with the same providers and parsing as its
/// own workers. The process is already running, so what it did before the attach is not seen.
/// </summary>
public sealed class ExternalProcessSession : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private ExternalProcessSession(LiveSession session) => Session = session;

    public int Pid => Session.Pid;

    public LiveSession Session { get; }

    /// <summary>Completes once the session has ended (its <see cref="SessionEnded"/> posted).</summary>
    public Task Completion => Session.Completion;

    /// <summary>Starts the session; throws <see cref="AttachFailedException"/> saying why it cannot.</summary>
    /// <param name="recordingFor">As for <see cref="DiagnosticPortObserver"/>: a stream that receives a copy of the
    /// session's stream.</param>
    /// <param name="runtimeCounters">false: the providers of Monitor's own workers, without System.Runtime's counters
    /// (<see cref="SessionProviders.For"/>).</param>
    public static async Task<ExternalProcessSession> StartAsync(
        int pid,
        IRuntimeEventSink sink,
        TimeSpan? counterInterval = null,
        Func<int, Stream?>? recordingFor = null,
        CancellationToken cancel = default,
        bool sampleStacks = false,
        bool runtimeCounters = true)
    {
        ArgumentNullException.ThrowIfNull(sink);
        string name = ThrowIfCannotAttach(pid);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(DefaultTimeout);
        EventPipeSession eventPipe;
        try
        {
            var client = new DiagnosticsClient(pid);
            eventPipe = await client.StartEventPipeSessionAsync(
                SessionProviders.Configuration(counterInterval ?? SessionProviders.DefaultCounterInterval, sampleStacks, ownWorker: !runtimeCounters), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsPermissionDenied(e))
        {
            throw new AttachFailedException(pid, AttachFailure.PermissionDenied, $"permission denied connecting to the diagnostic socket of process {pid} ({name})", e);
        }
        catch (ServerNotAvailableException e)
        {
            if (NameOf(pid) is null) throw new AttachFailedException(pid, AttachFailure.ProcessNotFound, $"process {pid} ({name}) has exited", e);
            throw new AttachFailedException(pid, AttachFailure.NotDotnet, $"process {pid} ({name}) does not answer on its diagnostic socket: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new AttachFailedException(pid, AttachFailure.SessionFailed, $"process {pid} ({name}) did not start a session within {DefaultTimeout.TotalSeconds:0} s", e);
        }
        catch (Exception e) when (e is DiagnosticsClientException or IOException or SocketException)
        {
            throw new AttachFailedException(pid, AttachFailure.SessionFailed, $"process {pid} ({name}) refused the session: {e.Message}", e);
        }

        Stream? recording = null;
        if (recordingFor is not null)
        {
            try
            {
                recording = recordingFor(pid);
            }
            catch (Exception)
            {
                // The recorder says why it cannot record this process (TraceRecorder.StreamFor fails itself); watching goes on.
            }
        }
        var live = new LiveSession(pid, eventPipe, sink, recording, endedByItself => endedByItself ? ProcessLiveness.ExitsWithin(pid, DiagnosticPortAttachment.ExitGrace) : null);
        live.Start();
        return new ExternalProcessSession(live);
    }

    /// <summary>What can be told without connecting: the process exists, is this user's and has a diagnostic socket.
    /// Returns its name; throws <see cref="AttachFailedException"/> saying why not.</summary>
    public static string ThrowIfCannotAttach(int pid)
    {
        string name = NameOf(pid) ?? throw new AttachFailedException(pid, AttachFailure.ProcessNotFound, $"no process with pid {pid}");
        if (ProcessOwner.IsForeign(pid))
        {
            throw new AttachFailedException(pid, AttachFailure.PermissionDenied,
                $"process {pid} ({name}) belongs to another user; only that user or root may attach to it");
        }
        if (DefaultDiagnosticSockets.Of(pid).Length == 0)
        {
            throw new AttachFailedException(pid, AttachFailure.NotDotnet,
                $"process {pid} ({name}) is not a .NET process, or it runs with diagnostics disabled: " +
                $"it has no diagnostic socket dotnet-diagnostic-{pid}-*-socket in {DefaultDiagnosticSockets.TempDirectory}");
        }
        return name;
    }

    private static bool IsPermissionDenied(Exception e) => e switch
    {
        UnauthorizedAccessException => true,
        SocketException s => s.SocketErrorCode == SocketError.AccessDenied,
        _ => e.InnerException is { } inner && IsPermissionDenied(inner),
    };

    private static string? NameOf(int pid)
    {
        if (pid <= 0 || !DotnetProcesses.IsProcess(pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.ProcessName;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Ends the session; the process goes on running.</summary>
    public Task StopAsync() => Session.StopAsync();

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
