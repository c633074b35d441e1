namespace Monitor.Sessions;

/// <summary>A recording asked for: the bundle directory to create, and whether stacks are sampled too.</summary>
public sealed record RecordingRequest(string Directory, bool Stacks);
