using Monitor.Workloads.Linux;
using System.Diagnostics;
using System.Globalization;
using Monitor.Model;

namespace Monitor.Workloads;

/// <summary>
/// CPU time and peak memory as the operating system accounts them, read by the worker itself just before it reports
/// its result: a sampler outside only sees the process up to its last tick before exit, so exact totals come from here.
/// </summary>
public static class ResourceUsage
{
    /// <summary>CPU time of the calling thread in ms, or null where the system does not tell.</summary>
    public static double? CurrentThreadCpuMs()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string stat = File.ReadAllText("/proc/thread-self/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the ')': state is field 3 of stat, so utime (14) and stime (15) are at 11 and 12 here.
                long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return ticks * 1000.0 / ClockTicks.PerSecond;
            }
            catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        int tid = OsThreadId.Current();
        using var self = Process.GetCurrentProcess();
        foreach (ProcessThread t in self.Threads)
        {
            if (t.Id == tid) return t.TotalProcessorTime.TotalMilliseconds;
        }
        return null;
    }

    public static WorkerUsage CurrentProcess()
    {
        using var self = Process.GetCurrentProcess();
        double user = self.UserProcessorTime.TotalMilliseconds, system = self.PrivilegedProcessorTime.TotalMilliseconds;
        return new WorkerUsage(Environment.ProcessId, user + system, self.PeakWorkingSet64, user, system, MonotonicClock.NowNs());
    }
}
