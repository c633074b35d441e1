namespace Monitor.Snapshots;

/// <summary>How a run ended: it completed (its sum then checked), a worker failed, the user replaced or stopped it,
/// or Monitor was interrupted (Ctrl+C, SIGTERM, SIGHUP).</summary>
public enum RunOutcome { Completed, Failed, Stopped, Interrupted }

public static class RunOutcomeNames
{
    /// <summary>The word scripts and the screen use: "completed", "failed", "stopped", "interrupted".</summary>
    public static string Name(this RunOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
