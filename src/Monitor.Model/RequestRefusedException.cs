namespace Monitor.Model;

/// <summary>What the user asked for cannot be done (a directory that cannot be recorded into, a process that cannot be
/// watched): the command line reports it as one line on stderr with exit code 2, as it does bad input.</summary>
public sealed class RequestRefusedException(string message, Exception? inner = null) : Exception(message, inner);
