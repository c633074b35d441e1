using System.Globalization;

namespace Monitor.Tests.Reliability;

/// <summary>Monitor's own memory as the kernel accounts it (/proc/PID/status), sampled while it runs.</summary>
public sealed class MonitorMemory
{
    /// <summary>VmHWM: the peak resident set so far, in bytes; null once the process has gone.</summary>
    public static long? PeakResidentBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    public static long? ResidentBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    private static long? StatusKilobytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
