using System.Diagnostics;

namespace Monitor.Workloads;

/// <summary>
/// An emulation of CPython's GIL (3.2+) on a real <see cref="Lock"/>, so that the runtime itself reports every wait
/// through its contention events. A holder that has computed for the switch interval while another thread waits
/// gives the lock up and does not take it back before every thread then waiting has had it (CPython's forced
/// switching, made round robin), so no thread starves and K workers get even shares.
/// </summary>
public sealed class GlobalInterpreterLock
{
    private readonly Lock _lock = new();
    private readonly long _switchTicks;
    private int _waiting;
    private long _acquisitions;
    private long _heldSince;

    public GlobalInterpreterLock(TimeSpan switchInterval)
    {
        _switchTicks = (long)(switchInterval.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>How many times any thread has taken the lock.</summary>
    public long Acquisitions => Volatile.Read(ref _acquisitions);

    public bool IsHeldByCurrentThread => _lock.IsHeldByCurrentThread;

    public void Acquire()
    {
        if (!_lock.TryEnter())
        {
            Interlocked.Increment(ref _waiting);
            _lock.Enter();
            Interlocked.Decrement(ref _waiting);
        }
        _acquisitions++;
        _heldSince = Stopwatch.GetTimestamp();
    }

    public void Release() => _lock.Exit();

    /// <summary>True when the holder has had the lock for the switch interval and someone is waiting for it.</summary>
    public bool SwitchRequested =>
        Volatile.Read(ref _waiting) > 0 && Stopwatch.GetTimestamp() - _heldSince >= _switchTicks;

    /// <summary>Gives the lock to the waiting threads and takes it back after each thread that was waiting has had
    /// it: the turns go round robin. Waiting only until *someone* had it is not enough with three or more threads:
    /// the lock wakes whichever waiter it likes, and the thread that had just switched out was often picked again
    /// while a third one waited (shares of 55 % vs 100 % over a second with K = 3).</summary>
    public void Switch()
    {
        long mine = _acquisitions;
        // Everyone else who wants the lock: in Enter, or switched out and waiting for their turn like us.
        long others = Volatile.Read(ref _waiting);
        Interlocked.Increment(ref _waiting);
        _lock.Exit();
        var spin = new SpinWait();
        while (Volatile.Read(ref _acquisitions) - mine < others && Volatile.Read(ref _waiting) > 1)
        {
            // Up to K-1 turns of others: sleep rather than burn a core they need.
            spin.SpinOnce();
        }
        _lock.Enter();
        Interlocked.Decrement(ref _waiting);
        _acquisitions++;
        _heldSince = Stopwatch.GetTimestamp();
    }
}
