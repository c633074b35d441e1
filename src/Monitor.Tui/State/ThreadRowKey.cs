namespace Monitor.Tui.State;

/// <summary>
/// What a row of the threads panel stands for, so the cursor can stay on it while the order changes: a thread
/// (its pid and tid), or a folded group (its pid and <see cref="Group"/>).
/// </summary>
public readonly record struct ThreadRowKey(int Pid, int? Tid, ThreadGroupKey? Group)
{
    public static ThreadRowKey Thread(int pid, int tid) => new(pid, tid, null);

    public static ThreadRowKey Folded(ThreadGroupKey group) => new(group.Pid, null, group);
}
