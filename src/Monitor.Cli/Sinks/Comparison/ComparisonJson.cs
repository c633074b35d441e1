using Monitor.Model;
using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>A comparison as its <see cref="ComparisonLine"/>, shared by the JSON and CSV formats.</summary>
public static class ComparisonJson
{
    /// <summary>The rows' field names, in order: the CSV's columns.</summary>
    public static IReadOnlyList<string> RowFields { get; } = MonitorJsonContext.Default.ComparisonRowLine.Properties.Select(p => p.Name).ToArray();

    public static ComparisonLine Line(ComparisonReport report)
    {
        var s = report.Settings;
        var c = report.Capacity;
        return new ComparisonLine
        {
            Date = report.Date.ToString("O"),
            Workers = s.Workers,
            Work = s.Work,
            Repeat = s.Repeat,
            Capacity = new ComparisonCapacity(c.LogicalCpus, c.Workers, c.Parallelism, c.SingleRate, c.ParallelRate, c.OtherCpuPercent, c.Uncertain),
            SingleThreadIterationsPerSec = report.SingleThreadRates.ToDictionary(r => r.Key, r => (long)Math.Round(r.Value)),
            OtherLoadSignificant = report.OtherLoadSignificant,
            Rows = report.Rows.Select(Row).ToArray(),
            Notes = report.Notes,
            Reading = report.Reading,
        };
    }

    public static ComparisonRowLine Row(ComparisonRow r) => new(
        r.Spec.Mode,
        r.Spec.MeasuredAs,
        r.Spec.Runtime,
        r.Work,
        r.Spec.Workers,
        r.N,
        r.Repeats,
        r.ElapsedMs,
        r.ElapsedMinMs,
        r.ElapsedMaxMs,
        r.Speedup,
        r.SpeedupUncertain,
        r.EffectiveParallelism,
        r.ParallelismUncertain,
        r.CpuMs,
        r.PeakWorkingSetBytes,
        r.StartupMs,
        r.ProcessCount,
        r.ContentionCount,
        r.ContentionWaitMs,
        r.GcCount,
        r.OtherCpuPercent,
        r.OtherCpuMaxPercent,
        r.Spec.MeasuredAs == RunMode.Gil ? r.SwitchMs : null,
        r.Correct,
        r.Failure);
}
