using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>
/// Samples the managed stacks of one process in bursts while <see cref="Enabled"/>: every <see cref="Period"/> a
/// session of its own with the runtime's sample profiler, the JIT and loader events that name methods compiled
/// during it, and contention events (whose stacks say where threads wait) runs for <see cref="Burst"/>; a rundown at
/// its start names the methods compiled before. TraceEvent's real-time TraceLog resolves each stack as it arrives.
/// Each burst's result goes to the callback given; so does a line saying why a burst failed.
/// </summary>
public sealed class StackSampler : IAsyncDisposable
{
    public static readonly TimeSpan DefaultBurst = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(4);

    private readonly int _pid;
    private readonly Action<StackBurst> _burstTaken;
    private readonly Action<string> _failed;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _wake = new(0);
    private Task? _loop;
    private volatile bool _enabled;

    public StackSampler(int pid, Action<StackBurst> burstTaken, Action<string> failed, TimeSpan? burst = null, TimeSpan? period = null, TimeProvider? time = null)
    {
        _pid = pid;
        _burstTaken = burstTaken;
        _failed = failed;
        Burst = burst ?? DefaultBurst;
        Period = period ?? DefaultPeriod;
        if (Burst <= TimeSpan.Zero || Period < Burst) throw new ArgumentOutOfRangeException(nameof(period), "a burst must be positive and fit in its period");
        _time = time ?? TimeProvider.System;
    }

    public int Pid => _pid;
    public TimeSpan Burst { get; }
    public TimeSpan Period { get; }

    /// <summary>Turning it on starts a burst at once; turning it off lets a running burst finish.</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            if (_enabled == value) return;
            _enabled = value;
            if (value)
            {
                _loop ??= Task.Run(LoopAsync);
                _wake.Release();
            }
        }
    }

    private async Task LoopAsync()
    {
        var token = _disposed.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!_enabled)
                {
                    await _wake.WaitAsync(token).ConfigureAwait(false);
                    continue;
                }
                long started = _time.GetTimestamp();
                if (!await TakeBurstAsync(token).ConfigureAwait(false) && !ProcessLivenessAlive()) return;
                var rest = Period - _time.GetElapsedTime(started);
                if (rest > TimeSpan.Zero) await Task.WhenAny(Task.Delay(rest, token), _wake.WaitAsync(token)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool ProcessLivenessAlive() => DefaultDiagnosticSockets.Of(_pid).Length > 0;

    /// <summary>One burst; false when it could not be taken (said through the failure callback).</summary>
    private async Task<bool> TakeBurstAsync(CancellationToken token)
    {
        EventPipeSession session;
        TraceLogEventSource source;
        var client = new DiagnosticsClient(_pid);
        try
        {
            session = await client.StartEventPipeSessionAsync(Providers(), requestRundown: false, circularBufferMB: 64, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failed($"stacks: process {_pid} refused a sampling session: {e.Message}");
            return false;
        }
        long startedAt = _time.GetTimestamp();
        var collector = new StackBurstCollector(_pid, startedAt);
        Task processing;
        try
        {
            source = TraceLog.CreateFromEventPipeSession(session, TraceLog.EventPipeRundownConfiguration.Enable(client));
            TraceStacks.Feed(source, collector);
            processing = Task.Factory.StartNew(source.Process, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception e)
        {
            session.Dispose();
            _failed($"stacks: the sampling session of process {_pid} failed: {e.Message}");
            return false;
        }
        try
        {
            await Task.WhenAny(processing, Task.Delay(Burst, token)).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The process ended the session itself (it exited): what was read is still a burst.
            }
        }
        try
        {
            await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A process killed mid-burst cuts the stream ("read past end"): the samples read so far still count.
        }
        finally
        {
            source.Dispose();
            session.Dispose();
        }
        var burst = collector.Finish(_time.GetTimestamp());
        if (burst.Samples > 0) _burstTaken(burst);
        return burst.Samples > 0;
    }

    private static IEnumerable<EventPipeProvider> Providers() =>
    [
        // Verbose: the JIT's MethodLoadVerbose names methods compiled during the burst. Only these keywords.
        new(SessionProviders.RuntimeProvider, EventLevel.Verbose,
            (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.Contention)),
        new(SessionProviders.SampleProfilerProvider, EventLevel.Informational),
    ];

    public async ValueTask DisposeAsync()
    {
        _enabled = false;
        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
        _disposed.Dispose();
        _wake.Dispose();
    }
}
