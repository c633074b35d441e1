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

    /// <summary>
    /// For a worker Monitor observes through its diagnostic port: a user who turned the runtime's diagnostics off
    /// (<c>DOTNET_EnableDiagnostics=0</c>, or its <c>_IPC</c> part) turned them off for Monitor's workers too, which then
    /// never connected to their port (a run failed after 10 s with "did not connect"). The workers are Monitor's own
    /// processes and their diagnostic IPC reaches only Monitor's private port and their own owner-only socket: IPC is
    /// turned back on for them, and the debugger and profiler stay off as the user asked.
    /// </summary>
    public static void EnableDiagnosticIpc(ProcessStartInfo start)
    {
        bool turnedOff = false;
        foreach (string prefix in new[] { "DOTNET_", "COMPlus_" })
        {
            if (start.Environment.TryGetValue(prefix + "EnableDiagnostics", out var all) && all == "0") turnedOff = true;
            if (start.Environment.TryGetValue(prefix + "EnableDiagnostics_IPC", out var ipc) && ipc == "0") start.Environment.Remove(prefix + "EnableDiagnostics_IPC");
            start.Environment.Remove(prefix + "EnableDiagnostics");
        }
        if (!turnedOff) return;
        foreach (string part in new[] { "Debugger", "Profiler" })
        {
            if (!start.Environment.ContainsKey($"DOTNET_EnableDiagnostics_{part}")) start.Environment[$"DOTNET_EnableDiagnostics_{part}"] = "0";
        }
    }

    public static void Apply(ProcessStartInfo start)
    {
        foreach (string name in MonitorsOwnPorts) start.Environment.Remove(name);
        foreach (string name in new[] { TieredPgo, TieredCompilation })
        {
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = "1";
        }
    }
}
