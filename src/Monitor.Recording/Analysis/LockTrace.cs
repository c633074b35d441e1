namespace Monitor.Recording.Analysis;

/// <summary>One lock's contention over a whole trace: waits, time waited, who held it, who waited.</summary>
public sealed class LockTrace(ulong lockId)
{
    public ulong LockId { get; } = lockId;
    public long Waits { get; set; }
    public double WaitMs { get; set; }

    /// <summary>How often each owner held the lock when a wait started (OS thread ids).</summary>
    public Dictionary<int, long> Owners { get; } = new();

    /// <summary>Waits per waiting thread.</summary>
    public Dictionary<int, long> Waiters { get; } = new();

    public int? TopOwner => Owners.Count == 0 ? null : Owners.MaxBy(o => o.Value).Key;
}
