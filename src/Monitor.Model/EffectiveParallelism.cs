namespace Monitor.Model;

/// <summary>
/// Work throughput in single threads' worth: iterations per second divided by one thread's rate on this machine.
/// The rate is per second of a thread's own CPU time and never below what any worker thread of the session did per
/// CPU second, so every thread's iterations are at most its CPU time × the rate, and the sum over threads is at most
/// the CPU seconds the workers got per second, which the OS cannot make larger than the number of CPUs. The figure is
/// also capped at both bounds, so that the small offset between when iterations and CPU time are read cannot carry it
/// over them. docs/fidelity.md has the measured spread.
/// </summary>
public static class EffectiveParallelism
{
    /// <summary>Above this share of all CPUs taken by other processes (or by the hypervisor, as steal), what the
    /// workers got says more about the machine than about the mode: the figure is marked uncertain.</summary>
    public const double OtherLoadShare = 0.25;

    /// <summary>An uncapped figure this much above its cap means the reference rate or the readings are off: the
    /// figure shown (the cap) is then marked uncertain.</summary>
    public const double CapTolerance = 0.10;

    /// <param name="iterations">work done over the span.</param>
    /// <param name="seconds">the span's wall time.</param>
    /// <param name="singleThreadRate">one thread's iterations per second of its CPU time.</param>
    /// <param name="workersCpuMs">CPU time the workers' processes got over the span; null when unknown.</param>
    public static ParallelismFigure? Of(double iterations, double seconds, double singleThreadRate, double? workersCpuMs, int logicalCpus)
    {
        if (!(singleThreadRate > 0) || !(seconds > 0) || logicalCpus < 1) return null;
        double uncapped = Math.Max(0, iterations) / seconds / singleThreadRate;
        double cap = logicalCpus;
        if (workersCpuMs is { } cpu) cap = Math.Min(cap, Math.Max(0, cpu) / 1000 / seconds);
        return new ParallelismFigure(Math.Min(uncapped, cap), uncapped);
    }

    /// <summary>Why a figure cannot be trusted as a reading of the mode, in words for the screen; null when it can.</summary>
    /// <param name="otherCpuPercent">CPU the rest of the machine used over the span, per core (100 = one core).</param>
    public static string? Uncertainty(ParallelismFigure figure, double? otherCpuPercent, int logicalCpus) =>
        OtherLoad(otherCpuPercent, logicalCpus)
        ?? (figure.Uncapped > figure.Value * (1 + CapTolerance) ? "capped at the CPU time the workers got" : null);

    /// <summary>"others used 80% of the CPUs" when others took <see cref="OtherLoadShare"/> or more of the machine.</summary>
    public static string? OtherLoad(double? otherCpuPercent, int logicalCpus) =>
        otherCpuPercent is { } others && logicalCpus > 0 && others / (logicalCpus * 100.0) >= OtherLoadShare
            ? $"others used {Math.Round(others / logicalCpus):0}% of the CPUs"
            : null;
}

/// <summary>An effective parallelism and what it would have been without its caps.</summary>
public readonly record struct ParallelismFigure(double Value, double Uncapped);
