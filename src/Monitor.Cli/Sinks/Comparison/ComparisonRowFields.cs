using Monitor.Sessions.Comparison;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>
/// A row's machine-readable fields, in column order, shared by the CSV and JSON formats. Where a field exists in
/// `run --json`'s result line it has the same name and unit; later versions add fields, never rename them. A value
/// is a string, a long, a double, a bool, or null (not measured).
/// </summary>
public static class ComparisonRowFields
{
    public static readonly IReadOnlyList<(string Name, Func<ComparisonRow, object?> Value)> All =
    [
        ("mode", r => r.Spec.Mode.Name()),
        ("measuredAs", r => r.Spec.MeasuredAs.Name()),
        ("runtime", r => r.Spec.RuntimeName),
        ("work", r => r.Work.Name()),
        ("workers", r => (long)r.Spec.Workers),
        ("n", r => r.N),
        ("repeats", r => (long)r.Repeats),
        ("elapsedMs", r => Round(r.ElapsedMs, 1)),
        ("elapsedMinMs", r => Round(r.ElapsedMinMs, 1)),
        ("elapsedMaxMs", r => Round(r.ElapsedMaxMs, 1)),
        ("speedup", r => Round(r.Speedup, 3)),
        ("speedupUncertain", r => r.SpeedupUncertain),
        ("effectiveParallelism", r => Round(r.EffectiveParallelism, 2)),
        ("effectiveParallelismUncertain", r => r.ParallelismUncertain),
        ("cpuMs", r => Round(r.CpuMs, 1)),
        ("peakWorkingSetBytes", r => r.PeakWorkingSetBytes),
        ("startupMs", r => Round(r.StartupMs, 1)),
        ("processCount", r => (long)r.ProcessCount),
        ("contentionCount", r => r.ContentionCount),
        ("contentionWaitMs", r => Round(r.ContentionWaitMs, 3)),
        ("gcCount", r => (long?)r.GcCount),
        ("otherCpuPercent", r => Round(r.OtherCpuPercent, 1)),
        ("otherCpuMaxPercent", r => Round(r.OtherCpuMaxPercent, 1)),
        ("switchMs", r => r.Spec.MeasuredAs == RunMode.Gil ? (long)r.SwitchMs : null),
        ("correct", r => r.Correct),
        ("failure", r => r.Failure),
    ];

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
