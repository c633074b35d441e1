using Monitor.Model;

namespace Monitor.Runners;

/// <summary>
/// A run's effective parallelism over its whole time, from its result: the one figure its result line, its last
/// snapshot and its recording all give. <see cref="OtherCpuPercent"/> is what the rest of the machine used meanwhile
/// (per core; null where unknown) and <see cref="Uncertain"/> why the figure cannot be read as the mode's.
/// </summary>
public sealed record RunParallelism(ParallelismFigure? Figure, double? OtherCpuPercent, string? Uncertain)
{
    public static readonly RunParallelism None = new(null, null, null);

    /// <summary>Raises <paramref name="rate"/> by each worker thread's own rate over its life (iterations over its CPU
    /// time), then divides the run's throughput by it, capped at the CPU the run's processes got.</summary>
    public static RunParallelism Of(RunResult result, SingleThreadRate rate, int logicalCpus, double? otherCpuPercent)
    {
        foreach (var thread in result.WorkerThreads)
        {
            if (thread.CpuMs is { } cpu) rate.Observe(thread.Iterations, cpu);
        }
        var figure = EffectiveParallelism.Of(result.TotalIterations, result.ElapsedMs / 1000, rate.Value, result.CpuMs, logicalCpus);
        return new RunParallelism(figure, otherCpuPercent,
            figure is { } f ? EffectiveParallelism.Uncertainty(f, otherCpuPercent, logicalCpus) : null);
    }
}
