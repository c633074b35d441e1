using Monitor.Model;

namespace Monitor.Recording.Replay;

/// <summary>One recorded snapshot and when it came, relative to the first one: a replay shows
/// <see cref="Snapshot"/> at <see cref="At"/>.</summary>
public sealed record ReplayFrame(TimeSpan At, Snapshot Snapshot);
