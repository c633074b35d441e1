using System.Globalization;
using Monitor.Sessions.Comparison;
using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>The comparison as cells of text, shared by the table and markdown formats.</summary>
public static class ComparisonCells
{
    public static readonly IReadOnlyList<string> Header =
    [
        "mode", "runtime", "workers", "elapsed", "speed-up", "eff. parallelism", "CPU", "peak memory", "start-up",
        "contentions (wait)", "others' CPU", "correct",
    ];

    public static IReadOnlyList<string> Row(ComparisonRow r) =>
    [
        r.Spec.Label,
        r.Spec.RuntimeName,
        r.Spec.Workers.ToString(CultureInfo.InvariantCulture),
        r.Repeats > 1
            ? $"{Format.Duration(r.ElapsedMs)} ({Format.Duration(r.ElapsedMinMs)}–{Format.Duration(r.ElapsedMaxMs)})"
            : Format.Duration(r.ElapsedMs),
        r.SpeedUpFigure is { } s ? s.Value.ToString("0.00", CultureInfo.InvariantCulture) + "×" + (s.Uncertain is null ? "" : "?") : "-",
        r.EffectiveParallelism is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + (r.ParallelismUncertain is null ? "" : "?") : "-",
        r.CpuMs is { } cpu ? Format.Duration(cpu) : "-",
        r.PeakWorkingSetBytes is { } peak ? Format.Short(peak) + "B" : "-",
        r.StartupMs is { } startup ? Format.Duration(startup) : "-",
        r.ContentionCount is { } count ? $"{Format.Count(count)} ({Format.Duration(r.ContentionWaitMs ?? 0)})" : "-",
        r.OtherCpuPercent is { } others ? others.ToString("0", CultureInfo.InvariantCulture) + "%" : "-",
        r.Correct ? "yes" : "NO",
    ];

    /// <summary>What the table was measured with: the settings, N and one thread's rate per runtime.</summary>
    public static IReadOnlyList<string> Context(ComparisonReport report)
    {
        var s = report.Settings;
        var lines = new List<string>
        {
            $"K = {s.Workers}, work {s.Work.ToString().ToLowerInvariant()}, {s.Repeat} run(s) per row" +
            (s.Repeat > 1 ? " (median, min–max)" : "") +
            $", {report.Capacity.LogicalCpus} logical CPUs, {report.Date:yyyy-MM-dd HH:mm}",
        };
        foreach (var (runtime, rate) in report.SingleThreadRates)
        {
            var n = report.Rows.FirstOrDefault(r => r.Spec.Runtime == runtime)?.N;
            string name = runtime == WorkerRuntime.Dotnet ? "dotnet" : "python";
            lines.Add($"{name}: N = {(n is { } v ? Format.Count(v) : "-")}{(s.N is null ? " (auto)" : "")}, one thread adds {Format.Short(rate)} integers/s");
        }
        lines.Add($"capacity: {report.Capacity.Workers} independent busy workers do {report.Capacity.Parallelism.ToString("0.00", CultureInfo.InvariantCulture)}× the work of one thread at its best" +
                  (report.Capacity.OtherCpuPercent is { } o ? $" (others used {o:0}% of a core before the rows)" : "") +
                  (report.Capacity.Uncertain is { } why ? $"; uncertain: {why}" : ""));
        return lines;
    }

    /// <summary>Why some rows are missing, what the figures marked ? mean, then what the figures say.</summary>
    public static IEnumerable<string> Footer(ComparisonReport report) => report.Notes.Select(n => "note: " + n)
        .Concat(report.Rows.Where(r => r.SpeedupUncertain is not null).Select(r => $"?: {r.Spec} speed-up {r.SpeedupUncertain}"))
        .Concat(report.Rows.Where(r => r.ParallelismUncertain is not null).Select(r => $"?: {r.Spec} effective parallelism uncertain: {r.ParallelismUncertain}"))
        .Concat(report.Reading);
}
