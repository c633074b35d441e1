namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>One published default diagnostic endpoint: the process's pid and the start-time key in its socket's name
/// (0 where the name has none).</summary>
public readonly record struct DiagnosticEndpoint(int Pid, long Key);
