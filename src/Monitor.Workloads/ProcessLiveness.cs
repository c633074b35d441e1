using System.Diagnostics;

namespace Monitor.Workloads;

/// <summary>Whether a process that is not our child has exited (an attached process, an orphan's former parent): it
/// cannot be waited for, only looked at.</summary>
public static class ProcessLiveness
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Looks until <paramref name="grace"/> has passed; true as soon as the process is gone.</summary>
    public static bool ExitsWithin(int pid, TimeSpan grace)
    {
        var watch = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (watch.Elapsed >= grace) return false;
            Thread.Sleep(Poll);
        }
        return true;
    }

    /// <summary>Polls until the process is gone or <paramref name="cancel"/> fires.</summary>
    public static async Task WaitForExitAsync(int pid, CancellationToken cancel)
    {
        while (IsAlive(pid)) await Task.Delay(TimeSpan.FromMilliseconds(250), cancel).ConfigureAwait(false);
    }

    /// <summary>A zombie (exited, not yet reaped by whoever started it) counts as gone: a killed Monitor stays one
    /// until its shell reaps it. A stat that fails to read while the process is reaped (ESRCH) reads as gone too.</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                int close = stat.LastIndexOf(')');
                char state = close >= 0 && close + 2 < stat.Length ? stat[close + 2] : '?';
                return state is not ('Z' or 'X');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Directory.Exists($"/proc/{pid}");
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
