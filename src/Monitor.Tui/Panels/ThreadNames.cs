using Monitor.Model;

namespace Monitor.Tui.Panels;

public static class ThreadNames
{
    /// <summary>The thread's name as the snapshot knows it, else "tid 4242".</summary>
    public static string Of(Snapshot snapshot, int pid, int tid) =>
        snapshot.Threads.FirstOrDefault(t => t.Pid == pid && t.Tid == tid)?.Name is { Length: > 0 } name ? name : $"tid {tid}";
}
