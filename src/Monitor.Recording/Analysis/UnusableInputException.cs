namespace Monitor.Recording.Analysis;

/// <summary>The input cannot be analysed at all (missing, empty, not a trace, a bad manifest): one line for the user,
/// exit code 2.</summary>
public sealed class UnusableInputException(string message, Exception? inner = null) : Exception(message, inner);
