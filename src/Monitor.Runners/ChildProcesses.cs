using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Runners.Windows;

namespace Monitor.Runners;

/// <summary>
/// Every worker process Monitor has started and not yet seen end, so that any way out of Monitor (q, Ctrl+C,
/// SIGTERM, SIGHUP, an exception) can end them all. On Windows each also joins <see cref="KillOnCloseJob"/>, so that
/// the system ends them when Monitor is killed and none of those ways runs.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    public static void Add(Process process)
    {
        Live[process.Id] = process;
        if (OperatingSystem.IsWindows()) KillOnCloseJob.Assign(process);
    }

    public static void Remove(Process process) => Live.TryRemove(process.Id, out _);

    public static int Count => Live.Count;

    public static IReadOnlyCollection<int> Pids => Live.Keys.ToArray();

    /// <summary>Kills every live child with its own children; safe to call from a signal handler, more than once.</summary>
    public static void KillAll()
    {
        foreach (var (pid, process) in Live)
        {
            Kill(process);
            Live.TryRemove(pid, out _);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone: nothing to end.
        }
    }
}
