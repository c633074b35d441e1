using Monitor.Model;

namespace Monitor.Tests.Snapshots;

/// <summary>The two derived figures' arithmetic: effective parallelism and its caps, speed-up and its bound.</summary>
public sealed class ParallelismAndSpeedUpTests
{
    [Fact]
    public void Effective_parallelism_is_throughput_in_one_threads_rate()
    {
        var figure = EffectiveParallelism.Of(iterations: 6e9, seconds: 2, singleThreadRate: 2e9, workersCpuMs: 4000, logicalCpus: 2)!.Value;

        Assert.Equal(1.5, figure.Value, 6);
        Assert.Equal(1.5, figure.Uncapped, 6);
        Assert.Null(EffectiveParallelism.Uncertainty(figure, otherCpuPercent: 10, logicalCpus: 2));
    }

    [Theory]
    [InlineData(3000.0, 2, 1.5)]    // the workers got 1.5 CPUs over the 2 s
    [InlineData(9000.0, 2, 2.0)]    // more CPU than the machine has cannot be: the CPUs cap it
    [InlineData(null, 1, 1.0)]    // CPU unknown: still no more than the CPUs
    public void Effective_parallelism_never_exceeds_the_cpu_the_workers_got_nor_the_cpus(double? cpuMs, int cpus, double expected)
    {
        var figure = EffectiveParallelism.Of(iterations: 2e10, seconds: 2, singleThreadRate: 2e9, cpuMs, cpus)!.Value;

        Assert.Equal(expected, figure.Value, 6);
        Assert.Equal(5, figure.Uncapped, 6);
        Assert.Equal("capped at the CPU time the workers got", EffectiveParallelism.Uncertainty(figure, 0, cpus));
    }

    [Fact]
    public void Others_taking_a_quarter_of_the_machine_or_more_make_the_figure_uncertain()
    {
        var figure = EffectiveParallelism.Of(2e9, 1, 2e9, 1000, 2)!.Value;

        Assert.Null(EffectiveParallelism.Uncertainty(figure, otherCpuPercent: 49, logicalCpus: 2));
        Assert.Equal("others used 80% of the CPUs", EffectiveParallelism.Uncertainty(figure, otherCpuPercent: 160, logicalCpus: 2));
    }

    [Fact]
    public void Speedup_compares_compute_time_and_is_marked_above_k()
    {
        Assert.Equal(2.0, SpeedUp.Of(1200, 200, 600, 100, workers: 2)!.Value.Certain);
        var above = SpeedUp.Of(1200, null, 400, null, workers: 2)!.Value;
        Assert.Null(above.Certain);
        Assert.Equal(3.0, above.Value, 6);
        Assert.StartsWith("3.00× is more than 2 worker(s) can give", above.Uncertain);
        Assert.NotNull(SpeedUp.Of(1000, null, 460, null, workers: 2)!.Value.Certain); // 2.17: within the machine's noise
        Assert.Null(SpeedUp.Of(1000, 1000, 600, 100, workers: 2));                      // a baseline with no compute time
    }
}
