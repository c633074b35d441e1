using System.Diagnostics;
using System.Reflection;

namespace Monitor.Runners;

/// <summary>
/// Workers are this very program started again with the `worker` verb: from the build output, from `dotnet run`
/// (whose child is the built apphost) or as a dotnet tool, with no second install step and no `dotnet run` per worker.
/// </summary>
public static class WorkerExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string? host = Environment.ProcessPath;
        string? entry = Assembly.GetEntryAssembly()?.Location;
        bool viaMuxer = host is null
            || Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            || (entry is not null && !IsMonitorEntry(entry));
        if (viaMuxer)
        {
            // Started as `dotnet monitor.dll` (or from a test host): run the same dll through the same muxer.
            start.FileName = host ?? "dotnet";
            start.ArgumentList.Add(MonitorDll());
        }
        else
        {
            start.FileName = host!;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    private static bool IsMonitorEntry(string entryPath) =>
        Path.GetFileNameWithoutExtension(entryPath).Equals("monitor", StringComparison.OrdinalIgnoreCase);

    /// <summary>monitor.dll beside this assembly: the entry program ships all its assemblies in one folder.</summary>
    public static string MonitorDll()
    {
        string dir = AppContext.BaseDirectory;
        string dll = Path.Combine(dir, "monitor.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"monitor.dll not found in {dir}");
        return dll;
    }
}
