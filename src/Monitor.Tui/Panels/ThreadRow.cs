using Monitor.Model;
using Monitor.Tui.State;

namespace Monitor.Tui.Panels;

/// <summary>
/// One row of the threads panel: a thread, or a folded group of them (<see cref="Count"/> set) whose figures are its
/// members' added up; <see cref="Group"/> is the group the row stands for or, unfolded, belongs to.
/// </summary>
public sealed record ThreadRow(
    ThreadRowKey Key,
    string Name,
    int? Count,
    ThreadGroupKey? Group,
    bool IsWorker,
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double? CpuWaitPercent,
    double? BlockedPerSec,
    double? IterationsPerSec,
    int FirstTid,
    double? SwitchesPerSec = null)
{
    public int Pid => Key.Pid;

    /// <summary>What the BLK/s column shows: blocking switches where they are counted apart, else every switch (the
    /// column is then titled CSW/s).</summary>
    public double? SwitchesShown => BlockedPerSec ?? SwitchesPerSec;

    public bool IsGroup => Count is not null;

    /// <summary>A thread listed under its unfolded group.</summary>
    public bool IsMember => Group is not null && !IsGroup;

    public static ThreadRow Of(ThreadSample t, ThreadGroupKey? group) => new(
        ThreadRowKey.Thread(t.Pid, t.Tid), t.Name, null, group, t.Role == ThreadRole.Worker, t.CpuPercent, t.UserPercent,
        t.SystemPercent, t.CpuWaitPercent, t.BlockedPerSec, t.IterationsPerSec, t.Tid, t.SwitchesPerSec);

    public static ThreadRow Of(ThreadGroup g) => new(
        ThreadRowKey.Folded(g.Key), g.Key.Name, g.Members.Count, g.Key, false, g.CpuPercent, g.UserPercent,
        g.SystemPercent, g.CpuWaitPercent, g.BlockedPerSec, null, g.Members.Min(m => m.Tid), g.SwitchesPerSec);
}
