using System.Diagnostics;

namespace Monitor.Runners;

/// <summary>
/// The environment of a worker: Monitor's own, less what belongs to Monitor's process alone. Workers are this same
/// program, so they would otherwise also inherit how Monitor itself was started and tuned.
/// </summary>
public static class WorkerEnvironment
{
    // Set by a tool that started Monitor under its own diagnostic port (dotnet-trace collect -- monitor ...): a worker
    // that inherited them would connect to that tool and, by default, wait to be resumed by it, forever.
    private static readonly string[] MonitorsOwnPorts = ["DOTNET_DiagnosticPorts", "DOTNET_DefaultDiagnosticPortSuspend"];

    /// <summary>Monitor's runtimeconfig turns tiered PGO off for Monitor (see Monitor.Cli.csproj); the workers share
    /// that file, and run with the runtime's default (on) unless the user chose otherwise.</summary>
    public const string TieredPgo = "DOTNET_TieredPGO";

    /// <summary>A ReadyToRun publish of Monitor turns tiered compilation off for Monitor (see Monitor.Cli.csproj); the
    /// workers get it back, as the runtime's default.</summary>
    public const string TieredCompilation = "DOTNET_TieredCompilation";

    public static void Apply(ProcessStartInfo start)
    {
        foreach (string name in MonitorsOwnPorts) start.Environment.Remove(name);
        foreach (string name in new[] { TieredPgo, TieredCompilation })
        {
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = "1";
        }
    }
}
