namespace Monitor.Tests.Fidelity;

/// <summary>Every tolerance the fidelity tests allow, each with why; docs/fidelity.md has the spreads measured.</summary>
public static class Tolerances
{
    /// <summary>Effective parallelism is written to 2 decimals (±0.005) and CPU % to 0.1 (±0.0005 cores).</summary>
    public const double ParallelismRounding = 0.01;

    /// <summary>With one global lock (mode gil, CPython's GIL) one thread computes at a time, so the figure is 1 at most
    /// when one thread's rate is right; the rate is calibrated on a shared machine and only raised by what workers do,
    /// and the lock's hand-over leaves a thread's CPU second a little faster than calibration's: 15 % for that.</summary>
    public const double SingleLockParallelismSpread = 0.15;

    /// <summary>Cumulative figures of one run given by different views (result, final snapshot, analyze, replay) are
    /// rounded at different points and may include the last events at slightly different moments: 1 %.</summary>
    public const double CumulativeShare = 0.01;

    /// <summary>cpuMs is written to 0.1 ms, contention wait to 0.001 ms: the floor under <see cref="CumulativeShare"/>.</summary>
    public const double CumulativeRoundingMs = 0.1;

    /// <summary>A sum over processes of figures each rounded to 0.1 (and the sum rounded once more) is off by
    /// 0.05 per term and per rounding.</summary>
    public const double RoundingStep = 0.05;

    /// <summary>stat's utime + stime move in clock ticks (10 ms at USER_HZ 100); the test's reading and Monitor's
    /// may fall on either side of a tick.</summary>
    public static double TickMs => ProcReadings.TickMs;

    /// <summary>schedstat counts nanoseconds; cpuMs is written to 0.1 ms and the two readings are not simultaneous to
    /// the nanosecond: 1 ms.</summary>
    public const double SchedstatMs = 1.0;

    /// <summary>
    /// Monitor reads /proc and only then stamps the snapshot's `time`, and the test reads after the line arrives: the
    /// test's span from `time` to its own reading misses the moments between Monitor's reading and its stamp, during
    /// which a busy thread kept running. Monitor reads a few processes in about a millisecond, but on 2 shared CPUs its
    /// clock thread can be preempted in between: 25 ms of the thread's CPU for that.
    /// </summary>
    public const double StampLagMs = 25;

    /// <summary>A resident set read by Monitor and by the test at nearly the same moment: a sum worker's memory is
    /// stable (no allocation in the loop), so 10 % covers the pages touched in between.</summary>
    public const double ResidentShare = 0.10;

    /// <summary>A thread cannot use more CPU than wall time; its CPU and the run's elapsed time come from different
    /// clocks read at slightly different moments: 10 ms.</summary>
    public const double CpuWithinWallMs = 10;

    /// <summary>What the rest of the machine used, as Monitor reports it (otherCpuPercent, per core) against the test's
    /// own reading of it over nearly the same span. The machine is shared with another engineer's builds and runs that
    /// come and go within a run, and the two spans differ by Monitor's start-up and calibration: 35 points of a core.</summary>
    public const double OtherCpuPoints = 35;

    /// <summary>One figure rounded to 0.1, per term of an identity (e.g. cpuPercent × interval against cpuMs).</summary>
    public const double CpuMsRounding = 0.1;

    /// <summary>The share of all CPUs used by others from which Monitor promises to mark the figure uncertain.</summary>
    public const double OtherLoadShare = 0.25;
}
