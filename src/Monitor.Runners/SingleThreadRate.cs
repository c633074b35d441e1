namespace Monitor.Runners;

/// <summary>
/// One thread's rate of the kernel in this session, in iterations per second of that thread's own CPU time: the unit
/// of effective parallelism. It starts at the calibration's best window and is raised whenever a worker thread is seen
/// doing more per CPU second over a window long enough to measure (its iterations and its CPU time, read together by
/// the worker). So no worker thread's work can exceed its CPU time × this rate, the bound that keeps effective
/// parallelism at or below the CPU the workers got. Safe to read and raise from any thread.
/// </summary>
public sealed class SingleThreadRate
{
    /// <summary>Windows with less CPU time than this are not used: an iteration count is only known to a chunk (a
    /// fraction of a millisecond of work), so a short window's rate is noise.</summary>
    public const double MinimumWindowCpuMs = 50;

    private double _value;

    public SingleThreadRate(double calibrated)
    {
        if (!(calibrated > 0)) throw new ArgumentOutOfRangeException(nameof(calibrated), calibrated, "a rate must be positive");
        Calibrated = calibrated;
        _value = calibrated;
    }

    /// <summary>What the calibration measured.</summary>
    public double Calibrated { get; }

    /// <summary>The rate now: the calibration's or the best any worker thread achieved since, whichever is higher.</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>A worker thread did <paramref name="iterations"/> in <paramref name="cpuMs"/> of its CPU time: raises the
    /// rate when that is faster (and long enough to measure). Returns whether it did.</summary>
    public bool Observe(double iterations, double cpuMs)
    {
        if (!(cpuMs >= MinimumWindowCpuMs) || !(iterations > 0)) return false;
        double rate = iterations / (cpuMs / 1000);
        double seen = Volatile.Read(ref _value);
        while (rate > seen)
        {
            double was = Interlocked.CompareExchange(ref _value, rate, seen);
            if (was == seen) return true;
            seen = was;
        }
        return false;
    }
}
