namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// The ratio mach_timebase_info gives between mach absolute time units and nanoseconds: 1/1 on Intel Macs, 125/3 on
/// Apple silicon (a 24 MHz clock). proc_taskinfo's process totals are in these units, so reading them as nanoseconds
/// (what Process.TotalProcessorTime did, dotnet/runtime#91958) makes an Apple-silicon process look 41.67 times idler.
/// </summary>
public readonly record struct MachTimebase(uint Numerator, uint Denominator)
{
    public static readonly MachTimebase Nanoseconds = new(1, 1);

    public double ToMilliseconds(ulong units) =>
        Denominator == 0 ? 0 : units * (double)Numerator / Denominator / 1_000_000.0;
}
