using Monitor.Runners;

namespace Monitor.Sessions;

/// <summary>A finished run and what the diagnostics saw of it.</summary>
public sealed record ObservedResult(RunResult Result, RunDiagnostics Diagnostics);
