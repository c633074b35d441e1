using System.Diagnostics;

namespace Monitor.Workloads;

/// <summary>
/// An emulation of CPython's GIL (3.2+) on a real <see cref="Lock"/>, so that the runtime itself reports every wait
/// through its contention events. A holder that has computed for the switch interval while another thread waits
/// gives the lock up and does not take it back before someone else has had it (CPython's forced switching), so no
/// thread starves.
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

    /// <summary>Gives the lock to a waiting thread and takes it back after that thread has had it.</summary>
    public void Switch()
    {
        long mine = _acquisitions;
        _lock.Exit();
        var spin = new SpinWait();
        while (Volatile.Read(ref _acquisitions) == mine && Volatile.Read(ref _waiting) > 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        Acquire();
    }
}
