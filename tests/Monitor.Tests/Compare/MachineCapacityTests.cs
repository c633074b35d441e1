using Monitor.Model;
using Monitor.Sessions.Comparison;
using Monitor.Workloads;

namespace Monitor.Tests.Compare;

/// <summary>The capacity line from the calibrations' own figures: in one thread's rate at its best, so it can exceed
/// neither K nor the CPUs the workers got, whatever the load did to one alone.</summary>
public sealed class MachineCapacityTests
{
    private static CalibrationResult Calibrated(double perWallSec, double perCpuSec, double cpuShare) => new(perWallSec, perCpuSec, cpuShare);

    [Fact]
    public void One_alone_slowed_by_others_does_not_make_two_together_more_than_two()
    {
        // The old reading divided together by alone: 3.4 / 1.5 = 2.27 on two CPUs.
        var alone = new[] { Calibrated(1.5e9, 3.0e9, 0.5) };
        var together = new[] { new[] { Calibrated(1.7e9, 3.0e9, 0.6), Calibrated(1.7e9, 3.0e9, 0.6) } };

        var capacity = MachineCapacity.Of(logicalCpus: 2, workers: 2, alone, together, otherCpuPercent: 100);

        Assert.Equal(1.7e9 * 2 / 3.0e9, capacity.Parallelism, 6);
        Assert.Equal("others used 50% of the CPUs", capacity.Uncertain);
    }

    [Fact]
    public void It_is_capped_at_the_cpu_the_workers_got_and_at_the_cpus()
    {
        // A rate per CPU second measured low would make the quotient large: the workers' CPU share bounds it.
        var alone = new[] { Calibrated(2e9, 2e9, 1) };
        var together = new[] { new[] { Calibrated(2e9, 2e9, 0.7), Calibrated(2e9, 2e9, 0.7), Calibrated(2e9, 2e9, 0.7) } };

        Assert.Equal(1.4 * 1.5, MachineCapacity.Of(4, 3, alone, together, 0).Parallelism, 6);  // 3 × 0.7 = 2.1 CPUs
        Assert.Equal(2, MachineCapacity.Of(2, 3, alone, together, 0).Parallelism, 6);          // and never above the CPUs
        Assert.Null(MachineCapacity.Of(2, 3, alone, together, 0).Uncertain);
    }

    [Fact]
    public void The_median_of_the_rounds_is_taken()
    {
        var alone = new[] { Calibrated(3e9, 3e9, 1), Calibrated(3e9, 3e9, 1) };
        var together = new[]
        {
            new[] { Calibrated(3e9, 3e9, 1), Calibrated(3e9, 3e9, 1) },
            new[] { Calibrated(1.5e9, 3e9, 1), Calibrated(1.5e9, 3e9, 1) },
        };

        Assert.Equal(1.5, MachineCapacity.Of(2, 2, alone, together, 0).Parallelism, 6);
    }
}
