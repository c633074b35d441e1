using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// The .NET processes one observation watches through EventPipe sessions of their own, by pid (`monitor export`'s,
/// `monitor attach`'s): attached, detached, and those whose process has gone found. May be called from several
/// threads at once (the UI adds a process while a scan looks for exits); attaching is done one at a time.
/// </summary>
public sealed class TargetSet(Observation observation, TimeSpan interval) : IAsyncDisposable
{
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly Dictionary<int, ExternalProcessSession> _sessions = [];

    /// <summary>The pids with a session now, in no order.</summary>
    public IReadOnlyList<int> Pids
    {
        get { lock (_sessions) return [.. _sessions.Keys]; }
    }

    public int Count
    {
        get { lock (_sessions) return _sessions.Count; }
    }

    public bool Contains(int pid)
    {
        lock (_sessions) return _sessions.ContainsKey(pid);
    }

    /// <summary>Watches <paramref name="pid"/> (nothing when it is watched already).</summary>
    /// <exception cref="AttachFailedException">it cannot be watched: gone, not .NET, another user's, no session.</exception>
    public async Task AddAsync(int pid, CancellationToken cancel)
    {
        await _changing.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (Contains(pid)) return;
            var session = await observation.AttachAsync(pid, interval, cancel).ConfigureAwait(false);
            lock (_sessions) _sessions[pid] = session;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Ends the session of <paramref name="pid"/> (the process runs on); with <paramref name="forget"/>, later
    /// snapshots no longer list it, else they show it as exited. False when it had no session.</summary>
    public async Task<bool> RemoveAsync(int pid, bool forget)
    {
        await _changing.WaitAsync().ConfigureAwait(false);
        try
        {
            ExternalProcessSession? session;
            lock (_sessions) _sessions.Remove(pid, out session);
            if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
            if (forget) observation.Forget(pid);
            return session is not null;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>The pids whose process has gone (a session that ended while its process runs on is not one: the OS
    /// figures go on); their sessions are ended, and what was known of them stays until they are forgotten.</summary>
    public async Task<IReadOnlyList<int>> EndExitedAsync()
    {
        var gone = Pids.Where(pid => !ProcessLiveness.IsAlive(pid)).Order().ToArray();
        foreach (int pid in gone) await RemoveAsync(pid, forget: false).ConfigureAwait(false);
        return gone;
    }

    /// <summary>The sessions that ended while their process runs on (its runtime's events stopped).</summary>
    public IReadOnlyList<int> EndedWhileRunning()
    {
        lock (_sessions)
        {
            return [.. _sessions.Values.Where(s => s.Completion.IsCompleted && s.Session.Ended is { ProcessRunsOn: true }).Select(s => s.Pid)];
        }
    }

    /// <summary>Completes when one of the sessions running now ends (its process exited, or its events stopped), or
    /// <paramref name="timeout"/> passes, or <paramref name="cancel"/> fires; never throws.</summary>
    public Task NextEndAsync(TimeSpan timeout, CancellationToken cancel)
    {
        Task[] running;
        lock (_sessions) running = [.. _sessions.Values.Select(s => s.Completion).Where(c => !c.IsCompleted)];
        return Task.WhenAny([.. running, Task.Delay(timeout, cancel).ContinueWith(_ => { }, TaskScheduler.Default)]);
    }

    public async ValueTask DisposeAsync()
    {
        ExternalProcessSession[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }
        foreach (var session in sessions) await session.DisposeAsync().ConfigureAwait(false);
    }
}
