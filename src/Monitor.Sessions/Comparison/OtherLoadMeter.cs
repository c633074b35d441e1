using System.Diagnostics;
using Monitor.Diagnostics.Sources.Machine;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// How much CPU the rest of the machine used over a window: the machine's busy time (/proc/stat) minus our own,
/// that is Monitor's process and the CPU time the run's workers reported. Started right before a row, read right
/// after it.
/// </summary>
public sealed class OtherLoadMeter
{
    /// <summary>Others using this much of one core on average is enough to bend a row's figures.</summary>
    public const double SignificantPercent = 20;

    private readonly double _machineBusyMs;
    private readonly double _monitorCpuMs;
    private readonly long _started = Stopwatch.GetTimestamp();

    private OtherLoadMeter(double machineBusyMs, double monitorCpuMs)
    {
        _machineBusyMs = machineBusyMs;
        _monitorCpuMs = monitorCpuMs;
    }

    /// <summary>A meter from now on, or null where the machine's busy time cannot be read.</summary>
    public static OtherLoadMeter? Start() => SystemCpuTime.BusyMs() is { } busy ? new OtherLoadMeter(busy, MonitorCpuMs()) : null;

    /// <summary>Others' CPU since the start, per core (100 = one core busy), given the CPU our workers used in the
    /// window. Clamped to 0..all CPUs: the machine's counters tick every 10 ms per CPU, ours are finer.</summary>
    public double? OthersPercent(double ourWorkersCpuMs)
    {
        if (SystemCpuTime.BusyMs() is not { } busy) return null;
        double wallMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        if (wallMs <= 0) return null;
        double others = busy - _machineBusyMs - (MonitorCpuMs() - _monitorCpuMs) - ourWorkersCpuMs;
        return Math.Clamp(others / wallMs * 100, 0, Environment.ProcessorCount * 100.0);
    }

    private static double MonitorCpuMs()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }
}
