using System.Runtime.InteropServices;

namespace Monitor.Workloads.Linux;

/// <summary>The unit of utime/stime in /proc (USER_HZ), from sysconf(_SC_CLK_TCK).</summary>
public static partial class ClockTicks
{
    private const int ScClkTck = 2; // _SC_CLK_TCK on Linux

    public static readonly long PerSecond = Read();

    private static long Read()
    {
        if (!OperatingSystem.IsLinux()) return 100;
        try
        {
            long v = sysconf(ScClkTck);
            return v > 0 ? v : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc")]
    private static partial long sysconf(int name);
}
