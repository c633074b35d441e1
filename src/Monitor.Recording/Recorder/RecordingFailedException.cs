namespace Monitor.Recording;

/// <summary>A recording could not be made for a reason of the machine's, not of what the user asked (the disk is
/// full): a failure (exit 1), not bad usage. Whatever the recording had created is removed again.</summary>
public sealed class RecordingFailedException(string message, Exception? inner = null) : Exception(message, inner);
