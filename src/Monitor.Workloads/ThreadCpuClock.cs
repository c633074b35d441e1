using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>
/// The calling thread's CPU time to the nanosecond (clock_gettime CLOCK_THREAD_CPUTIME_ID, as Python's
/// time.thread_time), where the system has it: Linux and macOS. /proc's per-thread times count in 10 ms ticks, too
/// coarse for a quarter-second calibration.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int LinuxThreadCpuTime = 3;
    private const int MacThreadCpuTime = 16;

    /// <summary>Seconds of CPU the calling thread has used, or null where it cannot be read.</summary>
    public static double? Seconds()
    {
        int clock;
        if (OperatingSystem.IsLinux()) clock = LinuxThreadCpuTime;
        else if (OperatingSystem.IsMacOS()) clock = MacThreadCpuTime;
        else return null;
        return Read(clock);
    }

    /// <summary>Seconds of CPU thread <paramref name="tid"/> of this process has used, read from another thread, or
    /// null where it cannot be read (not Linux, or the thread has ended). Linux names the CPU clock of any thread
    /// (the kernel's MAKE_THREAD_CPUCLOCK: the complement of the tid shifted by 3, or'ed with per-thread and sched
    /// bits), which is how glibc's pthread_getcpuclockid makes it.</summary>
    public static double? SecondsOf(int tid) =>
        OperatingSystem.IsLinux() && tid > 0 ? Read((~tid << 3) | 6) : null;

    private static double? Read(int clock)
    {
        try
        {
            return clock_gettime(clock, out var t) == 0 ? t.Seconds + t.Nanoseconds / 1e9 : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
