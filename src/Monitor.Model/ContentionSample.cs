using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>One lock's contention over an interval: how often threads waited for it, how long, who held it most
/// often when they started waiting, and who waited. With stacks: <see cref="WaitSite"/> is the method that asked for
/// the lock (the first frame of the waiters' stacks outside the runtime's locking code), <see cref="OwnerStack"/> what
/// the owner was running when a thread started to wait (its latest sample before that moment), leaf first.</summary>
public sealed record LockSample(
    [property: JsonRequired] int Pid,
    [property: JsonRequired, JsonConverter(typeof(HexConverter))] ulong LockId,
    [property: JsonRequired] long Waits,
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double WaitMs,
    int? OwnerTid,
    [property: JsonRequired] IReadOnlyList<int> WaiterTids)
{
    public string? WaitSite { get; init; }

    public IReadOnlyList<string>? OwnerStack { get; init; }
}

/// <summary>Contention over one interval (from the runtime's ContentionStart/Stop events).</summary>
public sealed record ContentionSample(
    [property: JsonRequired] long Count,
    [property: JsonRequired, JsonConverter(typeof(Rounded3Converter))] double WaitMs,
    [property: JsonRequired] IReadOnlyList<LockSample> Locks)
{
    public static readonly ContentionSample None = new(0, 0, []);
}
