namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// The ratio mach_timebase_info gives between mach absolute time units and nanoseconds: 1/1 on Intel Macs, 125/3 on
/// Apple silicon (a 24 MHz clock). proc_taskinfo's process totals are in these units, so reading them as nanoseconds
/// (what Process.TotalProcessorTime did, dotnet/runtime#91958) makes an Apple-silicon process look 41.67 times idler.
/// </summary>
public readonly record struct MachTimebase(uint Numerator, uint Denominator)
{
    public static readonly MachTimebase Nanoseconds = new(1, 1);

    /// <summary>The ratio from the timer's frequency (sysctl hw.tbfrequency): 24 MHz on Apple silicon gives 125/3 ns
    /// a unit, 1 GHz on Intel 1/1. Null for a frequency that is no ratio (0, or past what a uint holds).</summary>
    public static MachTimebase? FromTimerFrequency(ulong hertz)
    {
        if (hertz is 0 or > uint.MaxValue) return null;
        ulong divisor = GreatestCommonDivisor(1_000_000_000, hertz);
        return new MachTimebase((uint)(1_000_000_000 / divisor), (uint)(hertz / divisor));
    }

    private static ulong GreatestCommonDivisor(ulong a, ulong b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    public double ToMilliseconds(ulong units) =>
        Denominator == 0 ? 0 : units * (double)Numerator / Denominator / 1_000_000.0;
}
