using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// One started EventPipe session of one process, parsed on a thread of its own into a sink. It always ends with
/// exactly one <see cref="SessionEnded"/>: normally when the process exits or the session is stopped, with an error
/// when the stream breaks off (the process was killed) or ends while the process runs on (the session failed: the
/// runtime's events stop, the process does not). Nothing escapes the reading thread.
/// </summary>
public sealed class LiveSession
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly EventPipeSession _session;
    private readonly IRuntimeEventSink _sink;
    private readonly ReadThroughCopyStream _stream;
    private readonly Func<bool, bool?>? _onEnded;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _stopRequested;

    /// <param name="copy">Receives every byte of the session's stream (a recording); disposed when the session ends.</param>
    /// <param name="onEnded">Runs on the reading thread after the stream has ended and before <see cref="SessionEnded"/>
    /// is posted; its argument says whether the stream ended on its own (the process is gone or going, or the session
    /// failed). It returns whether the process has exited (null: cannot tell), which tells a failed session from an
    /// ended process.</param>
    public LiveSession(int pid, EventPipeSession session, IRuntimeEventSink sink, Stream? copy = null, Func<bool, bool?>? onEnded = null)
    {
        Pid = pid;
        _session = session;
        _sink = sink;
        _onEnded = onEnded;
        // A copy that fails stops; the live session goes on. The recording's own stream has told the recorder why.
        _stream = new ReadThroughCopyStream(session.EventStream, copy, _ => { });
        _thread = new Thread(Read) { IsBackground = true, Name = $"EventPipe {pid}" };
    }

    public int Pid { get; }

    /// <summary>Bytes of the session's stream read so far.</summary>
    public long BytesRead => _stream.BytesRead;

    /// <summary>How the session ended, once <see cref="Completion"/> has completed.</summary>
    public SessionEnded? Ended { get; private set; }

    /// <summary>Completes once <see cref="SessionEnded"/> has been posted; never faults.</summary>
    public Task Completion => _completion.Task;

    public void Start() => _thread.Start();

    /// <summary>Asks the runtime to end the session and waits for the stream to drain; safe to call more than once and
    /// after the process has gone.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            _stopping = true;
            try
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                await _session.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DiagnosticsClientException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The process has exited (its stream ends by itself) or does not answer (the stream is closed below).
            }
            if (!await CompletesWithin(StopTimeout).ConfigureAwait(false))
            {
                // Only now, with Stop sent and ignored: closing the stream makes the reader's Process() throw and return.
                _session.Dispose();
            }
        }
        await Completion.ConfigureAwait(false);
    }

    private async Task<bool> CompletesWithin(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(Completion, Task.Delay(timeout)).ConfigureAwait(false);
        return finished == Completion;
    }

    private void Read()
    {
        Exception? broke = null;
        try
        {
            using var source = new EventPipeEventSource(_stream);
            RuntimeEventTranslator.Attach(source, Pid, _sink);
            source.Process();
        }
        catch (Exception e)
        {
            // A killed process cuts the stream mid-block: TraceEvent says "Read past end of stream" (FormatException)
            // or the socket reports an IOException / EndOfStreamException. So does a connection that breaks.
            if (!_stopping) broke = e;
        }
        _stream.Dispose();
        _session.Dispose();
        bool? exited = null;
        string? cleanupError = null;
        if (_onEnded is not null)
        {
            try
            {
                exited = _onEnded(!_stopping);
            }
            catch (Exception e)
            {
                cleanupError = $"cleaning up after process {Pid}: {e.Message}";
            }
        }
        string? error = _stopping ? null : WhyEnded(broke, exited);
        Ended = new SessionEnded(Pid, error ?? cleanupError, ProcessRunsOn: !_stopping && exited == false);
        Report(Ended);
        _completion.TrySetResult();
    }

    /// <summary>Why a stream Monitor did not stop ended, or null when its process simply exited.</summary>
    private string? WhyEnded(Exception? broke, bool? exited)
    {
        string cause = broke is null ? "" : $" ({broke.GetType().Name}: {broke.Message})";
        if (exited == false)
        {
            // The process computes on without its runtime's events: only the OS figures go on.
            return broke is null
                ? $"the runtime of process {Pid} ended its event session while the process runs on"
                : $"the event stream of process {Pid} broke off{cause} while the process runs on";
        }
        return broke is null ? null : $"the event stream of process {Pid} broke off{cause}; the process was probably killed";
    }

    private void Report(RuntimeEvent e)
    {
        try
        {
            _sink.Post(e);
        }
        catch (Exception)
        {
            // A failing sink must not take the reading thread, and with it the whole program, down.
        }
    }
}
