namespace Monitor.Model;

/// <summary>How much Monitor observes: EventPipe and the OS sampler, the OS sampler only, or nothing (to measure
/// what observation costs).</summary>
public enum DiagnosticsLevel { Full, Os, None }
