namespace Monitor.Model;

/// <summary>How a run ended: it completed (its sum then checked), a worker failed, the user replaced or stopped it,
/// or Monitor was interrupted (Ctrl+C, SIGTERM, SIGHUP).</summary>
public enum RunOutcome { Completed, Failed, Stopped, Interrupted }
