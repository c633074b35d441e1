namespace Monitor.Model;

/// <summary>What a controller that watches processes it did not start offers the UI's picker: which processes there
/// are, and watching one more or one fewer without restarting. The answers (watching, refused, detached) come as
/// status messages (<see cref="IMonitorController.StatusChanged"/>); the snapshots then list the process or not.</summary>
public interface ITargetControls
{
    /// <summary>This user's .NET processes that could be watched and the ones watched, by pid; may read /proc.</summary>
    IReadOnlyList<TargetChoice> Choices();

    /// <summary>Starts watching <paramref name="pid"/>; returns at once.</summary>
    void Add(int pid);

    /// <summary>Stops watching <paramref name="pid"/> (the process runs on); its rows go; returns at once.</summary>
    void Remove(int pid);
}

/// <summary>One line of the picker.</summary>
public sealed record TargetChoice(int Pid, string Name, string CommandLine, TargetStatus Status);

public enum TargetStatus
{
    /// <summary>Not watched: Enter adds it.</summary>
    Available,
    /// <summary>Given on the command line or picked.</summary>
    Watched,
    /// <summary>Found below a watched process (attach --children).</summary>
    Child,
    /// <summary>Watched until it exited: its last figures stay until it is removed.</summary>
    Exited,
}
