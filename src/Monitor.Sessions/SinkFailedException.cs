namespace Monitor.Sessions;

/// <summary>The command's output failed (stdout closed by its reader, a full disk): the run was ended for it.</summary>
public sealed class SinkFailedException(Exception cause) : Exception($"output failed: {cause.Message}", cause);
