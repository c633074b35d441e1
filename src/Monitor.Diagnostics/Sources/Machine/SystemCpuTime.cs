namespace Monitor.Diagnostics.Sources.Machine;

/// <summary>CPU time the whole machine has spent busy since boot, summed over all CPUs, from each system's own counter
/// (<see cref="Linux.ProcStatCpu"/>, <see cref="Windows.WindowsSystemTimes"/>, <see cref="MacOS.MacHostCpuLoad"/>).</summary>
public static class SystemCpuTime
{
    /// <summary>Busy milliseconds since boot over all CPUs, or null where the system's counter cannot be read.</summary>
    public static double? BusyMs()
    {
        if (OperatingSystem.IsLinux()) return Linux.ProcStatCpu.BusyMs();
        if (OperatingSystem.IsWindows()) return Windows.WindowsSystemTimes.BusyMs();
        if (OperatingSystem.IsMacOS()) return MacOS.MacHostCpuLoad.BusyMs();
        return null;
    }
}
