using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>
/// Two threads sharing the emulated GIL, long enough for a few counter intervals, recorded to memory. The lock is taken
/// around every block of 10^5 additions (--switch-ms 0): with the default 5 ms switching the runtime's Lock hands over
/// mostly while the waiter still spins, so only a handful of waits per run reach the contention events (measured here:
/// 2 waits in 96 hand-overs), too few to test on; the convoy gives dozens.
/// </summary>
public sealed class GilRun : ObservedRun
{
    public GilRun() : base(new WorkloadSpec(RunMode.Gil, 2, 3_000_000_000, SwitchMs: 0, LockBlock: 100_000), TimeSpan.FromMilliseconds(250)) { }

    public MemoryStream Recording { get; } = new();

    protected override Stream? RecordingFor(int pid) => Recording;
}
