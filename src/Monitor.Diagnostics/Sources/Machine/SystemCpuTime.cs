using System.Globalization;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.Machine;

/// <summary>
/// CPU time the whole machine has spent busy since boot, summed over all CPUs, from the first line of /proc/stat.
/// Busy is everything but idle and iowait; steal (time the hypervisor gave our virtual CPUs to someone else) counts
/// as busy, because it is capacity another tenant took. Linux only.
/// </summary>
public static class SystemCpuTime
{
    /// <summary>Busy milliseconds since boot over all CPUs, or null where /proc/stat cannot be read.</summary>
    public static double? BusyMs()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return ParseBusyMs(reader.ReadLine());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"cpu  user nice system idle iowait irq softirq steal guest guest_nice" in clock ticks; guest time is
    /// already inside user and nice.</summary>
    internal static double? ParseBusyMs(string? line)
    {
        if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal)) return null;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8) return null;
        long ticks = 0;
        int[] busy = [1, 2, 3, 6, 7, 8]; // user, nice, system, irq, softirq, steal
        foreach (int i in busy)
        {
            if (i >= fields.Length) break;
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return null;
            ticks += v;
        }
        return ticks * 1000.0 / ClockTicks.PerSecond;
    }
}
