using System.Diagnostics;

namespace Monitor.Runners;

/// <summary>
/// Workers are this very program started again with the `worker` verb: from the build output, from `dotnet run`
/// (whose child is the built apphost) or as a dotnet tool, with no second install step and no `dotnet run` per worker.
/// </summary>
public static class WorkerExecutable
{
    private static readonly string AppHostName = OperatingSystem.IsWindows() ? "monitor.exe" : "monitor";

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var (file, prefix) = Resolve();
        start.FileName = file;
        foreach (var a in prefix) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        WorkerEnvironment.Apply(start);
        return start;
    }

    /// <summary>The program to start and the arguments before the verb.</summary>
    public static (string File, IReadOnlyList<string> Prefix) Resolve()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self).Equals(AppHostName, StringComparison.OrdinalIgnoreCase))
        {
            return (self, []);
        }
        // Hosted by something else (the test host, `dotnet monitor.dll`): the apphost beside our assemblies, else the
        // same dll through the dotnet muxer.
        string beside = Path.Combine(AppContext.BaseDirectory, AppHostName);
        if (File.Exists(beside)) return (beside, []);
        string dll = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"monitor.dll not found in {AppContext.BaseDirectory}");
        bool hostIsMuxer = self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return (hostIsMuxer ? self! : "dotnet", [dll]);
    }
}
