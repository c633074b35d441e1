namespace Monitor.Model;

/// <summary>A sink that hears snapshots only, and hands them on: for a session whose runs another part reports (the
/// UI's comparison, whose rows are the medians of several runs).</summary>
public sealed class SnapshotRelay(Action<Snapshot> onSnapshot) : IMonitorSink
{
    public void RunStarted(RunStart run) { }

    public void SnapshotTaken(Snapshot snapshot) => onSnapshot(snapshot);

    public void RunFinished(RunSummary result, RunStart? started) { }
}
