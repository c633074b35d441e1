using System.Diagnostics;
using Monitor.Tests.Runners;

namespace Monitor.Tests.Cli;

/// <summary>What one run of the real `monitor` program did, and the worker processes it left behind (none, if it
/// cleaned up).</summary>
public sealed record ProgramRun(int ExitCode, string Stdout, string Stderr, int Pid, IReadOnlyList<int> LeftoverWorkers)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StderrLines => Stderr.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Starts the built apphost `monitor` from the test output folder (no shell, no `dotnet run`).</summary>
public static class MonitorProgram
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "monitor.exe" : "monitor");

    /// <summary>Runs the program to its end; kills it (and its workers) and throws if it outlives
    /// <paramref name="timeout"/>, which is a hang guard, not a timing.</summary>
    /// <param name="environment">variables to set (or, with a null value, remove) for the program only.</param>
    public static async Task<ProgramRun> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("monitor did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"monitor {string.Join(' ', start.ArgumentList)} did not end within {timeout ?? DefaultTimeout}");
        }
        // Looked at right after the exit: a worker the program failed to end would still be here (its own
        // watchdog would only end it later).
        var leftovers = ProcFs.WorkersOf(process.Id);
        return new ProgramRun(process.ExitCode, await stdout, await stderr, process.Id, leftovers);
    }

    public static Task<ProgramRun> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);
}
