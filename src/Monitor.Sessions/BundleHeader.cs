using System.Reflection;
using System.Runtime.InteropServices;
using Monitor.Recording.Bundles;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>What a bundle's manifest says from the start: who recorded what, how, on which machine.</summary>
public static class BundleHeader
{
    public static BundleManifest For(WorkloadSpec spec, double? singleThreadRate, bool stacks) => new()
    {
        MonitorVersion = MonitorVersion(),
        CommandLine = ["monitor", .. Environment.GetCommandLineArgs().Skip(1)],
        MonitorPid = Environment.ProcessId,
        Mode = spec.Mode.Name(),
        Work = spec.Work.Name(),
        Runtime = spec.RuntimeName,
        Workers = spec.Workers,
        N = spec.N,
        SwitchMs = spec.Mode == RunMode.Gil ? spec.SwitchMs : null,
        Stacks = stacks,
        Machine = new MachineInfo(Environment.MachineName, RuntimeInformation.OSDescription, Environment.ProcessorCount, singleThreadRate, null),
    };

    /// <summary>For `monitor attach`: processes Monitor did not start, no workload settings.</summary>
    public static BundleManifest ForAttach(bool stacks = false) => new()
    {
        MonitorVersion = MonitorVersion(),
        CommandLine = ["monitor", .. Environment.GetCommandLineArgs().Skip(1)],
        MonitorPid = Environment.ProcessId,
        Mode = "attach",
        Stacks = stacks,
        Machine = new MachineInfo(Environment.MachineName, RuntimeInformation.OSDescription, Environment.ProcessorCount, null, null),
    };

    public static string MonitorVersion() =>
        typeof(BundleHeader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BundleHeader).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
