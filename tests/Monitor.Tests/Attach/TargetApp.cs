using System.Diagnostics;
using System.Reflection;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Attach;

/// <summary>A real .NET application Monitor did not start (tests/Monitor.TargetApp), running one scenario:
/// "cpu-hot", "lock-convoy", "starvation" or "aspnet". <see cref="StartAsync"/> returns once it says it is doing it
/// and its diagnostic socket is open. Disposing kills it and removes its socket; closing its stdin also ends it.</summary>
public sealed class TargetApp : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private TargetApp(Process process) => Process = process;

    public Process Process { get; }
    public int Pid => Process.Id;

    public static string DllPath => typeof(TargetApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TargetAppPath").Value!;

    public static async Task<TargetApp> StartAsync(string scenario)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add(DllPath);
        start.ArgumentList.Add(scenario);
        var target = new TargetApp(Process.Start(start) ?? throw new InvalidOperationException("the target app did not start"));
        try
        {
            using var guard = new CancellationTokenSource(Bound);
            while (await target.Process.StandardOutput.ReadLineAsync(guard.Token) is { } line && line != "ready") { }
            // Drained so the target never blocks on a full pipe.
            _ = target.Process.StandardOutput.ReadToEndAsync();
            await ForeignProcess.WaitForDiagnosticSocketAsync(target.Pid, Bound);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    public void Dispose() => ForeignProcess.End(Process);
}
