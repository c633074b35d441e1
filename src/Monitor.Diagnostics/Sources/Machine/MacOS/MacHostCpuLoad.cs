using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.Machine.MacOS;

/// <summary>The machine's busy CPU time on macOS, from host_statistics(HOST_CPU_LOAD_INFO): ticks (100 a second)
/// spent in user, system, idle and nice, summed over all CPUs. Busy is all but idle. The kernel's counters are 32 bits
/// and wrap (after ~500 CPU-days of ticks); <see cref="TickTotals"/> carries them on in 64 bits between readings.</summary>
internal static partial class MacHostCpuLoad
{
    private const int HostCpuLoadInfo = 3;
    private const int CpuStateMax = 4; // user, system, idle, nice
    public const int TicksPerSecond = 100;

    // A send right to the host port: asked for once, it stays valid for the process's life (asking each time leaks a
    // reference every call).
    [SupportedOSPlatform("macos")]
    private static readonly Lazy<uint> Host = new(mach_host_self);
    private static readonly TickTotals Totals = new(CpuStateMax);

    [SupportedOSPlatform("macos")]
    public static unsafe double? BusyMs()
    {
        uint* ticks = stackalloc uint[CpuStateMax];
        uint count = CpuStateMax;
        if (host_statistics(Host.Value, HostCpuLoadInfo, ticks, ref count) != 0 || count != CpuStateMax) return null;
        return BusyMs(Totals.Add(new ReadOnlySpan<uint>(ticks, CpuStateMax)));
    }

    /// <summary>The arithmetic alone, testable anywhere: <paramref name="ticks"/> in host_cpu_load_info's order.</summary>
    public static double BusyMs(ReadOnlySpan<ulong> ticks) =>
        ((double)ticks[0] + ticks[1] + ticks[3]) * 1000 / TicksPerSecond;

    [SupportedOSPlatform("macos")]
    [LibraryImport("libSystem.dylib")]
    private static partial uint mach_host_self();

    [SupportedOSPlatform("macos")]
    [LibraryImport("libSystem.dylib")]
    private static unsafe partial int host_statistics(uint host, int flavor, uint* info, ref uint count);
}
