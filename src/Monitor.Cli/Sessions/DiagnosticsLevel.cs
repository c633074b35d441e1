using Monitor.Cli.Hosting;

namespace Monitor.Cli.Sessions;

/// <summary>How much Monitor observes: EventPipe and the OS sampler, the OS sampler only, or nothing (to measure
/// what observation costs).</summary>
public enum DiagnosticsLevel { Full, Os, None }

public static class DiagnosticsLevels
{
    public static DiagnosticsLevel Parse(string text) => text.ToLowerInvariant() switch
    {
        "full" => DiagnosticsLevel.Full,
        "os" => DiagnosticsLevel.Os,
        "none" => DiagnosticsLevel.None,
        _ => throw new UsageException($"unknown diagnostics level '{text}': use full, os or none"),
    };
}
