using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// What this machine gives K independent busy workers: K calibration workers at once, in separate processes that
/// share nothing, measured in one thread's rate per CPU second (the best any calibration thread here achieved, as
/// effective parallelism counts). Each worker's work per second is at most that rate × its share of a CPU, so
/// <see cref="Parallelism"/> can exceed neither K nor the CPU the workers got, and it is capped at the logical CPUs.
/// On a quiet machine with K cores or more it is about K; fewer cores, SMT siblings or other tenants make it less,
/// and no mode can beat it. <see cref="SingleRate"/> and <see cref="ParallelRate"/> are the wall-clock rates of one
/// alone and of all K together, for the record.
/// </summary>
public sealed record MachineCapacity(
    int LogicalCpus,
    int Workers,
    double SingleRate,
    double ParallelRate,
    double? OtherCpuPercent,
    double Parallelism,
    string? Uncertain)
{
    /// <summary>How long each calibration worker computes.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(600);

    /// <summary>Alone-then-together twice, so a passing burst of other load bends one round, not the result.</summary>
    public const int Rounds = 2;

    public static async Task<MachineCapacity> MeasureAsync(int workers, CancellationToken cancel)
    {
        // The background load first, while we run nothing: what the others take of the machine right now.
        var meter = OtherLoadMeter.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(400), cancel).ConfigureAwait(false);
        double? others = meter?.OthersPercent(0);

        var alone = new List<CalibrationResult>();
        var together = new List<CalibrationResult[]>();
        for (int round = 0; round < Rounds; round++)
        {
            alone.Add(await Calibration.MeasureAsync(Duration, cancel).ConfigureAwait(false));
            together.Add(await Task.WhenAll(Enumerable.Range(0, workers)
                .Select(_ => Calibration.MeasureAsync(Duration, cancel))).ConfigureAwait(false));
        }
        return Of(Environment.ProcessorCount, workers, alone, together, others);
    }

    /// <summary>The capacity from the calibrations' own figures (see the type's summary for why it is bounded).</summary>
    public static MachineCapacity Of(int logicalCpus, int workers, IReadOnlyList<CalibrationResult> alone,
        IReadOnlyList<IReadOnlyList<CalibrationResult>> together, double? otherCpuPercent)
    {
        double rate = alone.Concat(together.SelectMany(r => r)).Max(c => c.SingleThreadRate);
        var rounds = together.Select(round =>
        {
            double? cpu = round.All(c => c.CpuShare is not null) ? round.Sum(c => c.CpuShare!.Value) * 1000 : null;
            return (double?)EffectiveParallelism.Of(round.Sum(c => c.IterationsPerSec), 1, rate, cpu, logicalCpus)?.Value;
        });
        double parallelism = Median.Of(rounds) ?? 0;
        string? uncertain = EffectiveParallelism.OtherLoad(otherCpuPercent, logicalCpus);
        return new MachineCapacity(
            logicalCpus, workers,
            Median.Of(alone.Select(c => (double?)c.IterationsPerSec))!.Value,
            Median.Of(together.Select(r => (double?)r.Sum(c => c.IterationsPerSec)))!.Value,
            otherCpuPercent, parallelism, uncertain);
    }
}
