using Monitor.Runners;

namespace Monitor.Cli.Comparison;

/// <summary>
/// What this machine gives K independent busy workers: K calibration workers at once against one alone, in separate
/// processes that share nothing. On a quiet machine with K cores or more, <see cref="Parallelism"/> is about K; fewer
/// cores, or other tenants, make it less, and no mode can beat it.
/// </summary>
public sealed record MachineCapacity(
    int LogicalCpus,
    int Workers,
    double SingleRate,
    double ParallelRate,
    double? OtherCpuPercent)
{
    /// <summary>How long each calibration worker computes.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(600);

    /// <summary>Alone-then-together twice, so a passing burst of other load bends one round, not the result.</summary>
    public const int Rounds = 2;

    /// <summary>Throughput of K at once divided by that of one alone.</summary>
    public double Parallelism => SingleRate > 0 ? ParallelRate / SingleRate : 0;

    public static async Task<MachineCapacity> MeasureAsync(int workers, CancellationToken cancel)
    {
        // The background load first, while we run nothing: what the others take of the machine right now.
        var meter = OtherLoadMeter.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(400), cancel).ConfigureAwait(false);
        double? others = meter?.OthersPercent(0);

        var alone = new List<double?>();
        var together = new List<double?>();
        for (int round = 0; round < Rounds; round++)
        {
            alone.Add(await Calibration.MeasureIterationsPerSecondAsync(Duration, cancel).ConfigureAwait(false));
            var rates = await Task.WhenAll(Enumerable.Range(0, workers)
                .Select(_ => Calibration.MeasureIterationsPerSecondAsync(Duration, cancel))).ConfigureAwait(false);
            together.Add(rates.Sum());
        }
        return new MachineCapacity(Environment.ProcessorCount, workers, Median.Of(alone)!.Value, Median.Of(together)!.Value, others);
    }
}
