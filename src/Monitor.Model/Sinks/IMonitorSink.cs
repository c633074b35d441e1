namespace Monitor.Model;

/// <summary>
/// What everything that takes Monitor's observations implements: the dashboard, `run` and `attach`'s text and JSON
/// lines, the recorder, exporters. A session tells its sinks, in order, that a run started, each snapshot, and that
/// the run finished; an attach session has snapshots only. Calls come from any thread, one at a time per session; a
/// sink only formats or stores, it never starts, stops or measures anything.
/// </summary>
public interface IMonitorSink
{
    void RunStarted(RunStart run);

    void SnapshotTaken(Snapshot snapshot);

    /// <param name="started">the start this ends (the instance <see cref="RunStarted"/> was given); null for a result
    /// that is not one run of this session (a replayed run, a comparison row of several runs).</param>
    void RunFinished(RunSummary result, RunStart? started);
}
