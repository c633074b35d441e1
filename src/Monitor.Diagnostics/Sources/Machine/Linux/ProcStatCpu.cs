using Monitor.Workloads.Linux;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.Machine.Linux;

/// <summary>
/// The machine's busy time from the first line of /proc/stat: busy is everything but idle and iowait, and steal (time
/// the hypervisor gave our virtual CPUs to someone else) counts as busy, because it is capacity another tenant took.
/// The file stays open and only its first line is read (the rest, one line per CPU and the interrupt counts, can be
/// kilobytes): the aggregator asks once a snapshot.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ProcStatCpu
{
    private static readonly object Gate = new();
    private static SafeFileHandle? _stat;
    private static readonly byte[] Buffer = new byte[256];

    /// <summary>Busy milliseconds since boot over all CPUs, or null where /proc/stat cannot be read.</summary>
    public static double? BusyMs()
    {
        lock (Gate)
        {
            try
            {
                _stat ??= File.OpenHandle("/proc/stat", FileMode.Open, FileAccess.Read);
                int read = RandomAccess.Read(_stat, Buffer, 0);
                int end = Array.IndexOf(Buffer, (byte)'\n', 0, read);
                return ParseBusyMs(Encoding.ASCII.GetString(Buffer, 0, end < 0 ? read : end));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stat?.Dispose();
                _stat = null;
                return null;
            }
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
