using System.Globalization;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// Reads a comparison's figures in plain words: which mode won and why, per runtime; what processes cost; what the
/// machine allowed. Every number and every verdict comes from the report, so the words change with the figures.
/// </summary>
public static class ComparisonReading
{
    /// <summary>A speed-up below this is "no gain": within the noise of a shared machine.</summary>
    private const double Gain = 1.25;

    public static IReadOnlyList<string> Lines(ComparisonReport report)
    {
        var lines = new List<string>();
        foreach (var runtime in report.Rows.Select(r => r.Spec.Runtime).Distinct())
        {
            if (Winner(report, runtime) is { } line) lines.Add(line);
        }
        if (Cost(report) is { } cost) lines.Add(cost);
        // When others' load bends the figures, that is read first, before any verdict on the modes.
        if (report.OtherLoadSignificant) lines.Insert(0, Machine(report));
        else lines.Add(Machine(report));
        return lines;
    }

    private static string? Winner(ComparisonReport report, WorkerRuntime runtime)
    {
        var rows = report.Rows.Where(r => r.Spec.Runtime == runtime).ToArray();
        var single = Find(rows, RunMode.Single);
        var threads = Find(rows, RunMode.Threads);
        var processes = Find(rows, RunMode.Processes);
        var gil = Find(rows, RunMode.Gil);
        var best = rows.Where(r => r.Correct && !r.Spec.IsAlias).MinBy(r => r.ElapsedMs);
        if (best is null || single is null) return null;
        string name = runtime == WorkerRuntime.Dotnet ? "dotnet" : "python";
        var text = best == single
            ? $"{name}: {Label(single)} (one thread) was fastest, {Format.Duration(single.ElapsedMs)}"
            : $"{name}: {Label(best)} was fastest, {Format.Duration(best.ElapsedMs)} against {Format.Duration(single.ElapsedMs)} for one thread ({X(best)})";
        var others = new[] { threads, processes, gil }.Where(r => r is not null && r != best && !r.Spec.IsAlias).Select(r => $"{Label(r!)} {X(r!)}");
        text += others.Any() ? $"; {string.Join(", ", others)}. " : ". ";
        text += runtime == WorkerRuntime.Python ? WhyPython(threads, processes) : WhyDotnet(threads, gil);
        return text.TrimEnd();
    }

    private static string WhyDotnet(ComparisonRow? threads, ComparisonRow? gil)
    {
        if (gil is null || gil.Speedup is not { } s) return "";
        string waits = gil.ContentionCount is { } count
            ? $" ({Format.Count(count)} contentions, {Format.Duration(gil.ContentionWaitMs ?? 0)} spent waiting)"
            : "";
        if (s < Gain && gil.Work == WorkKind.Io)
            return $"The gil workers gain nothing even though they wait on I/O{waits}: here the computing, not the waiting, dominates.";
        if (s < Gain)
        {
            string plain = threads?.Speedup is { } t && t >= Gain ? $", while the same threads without the lock reach {X(t)}" : "";
            return $"One global lock lets one thread compute at a time{waits}{plain}.";
        }
        return gil.Work == WorkKind.Io
            ? $"The gil workers still gain {X(s)}: they spend most of their time blocked on I/O with the lock released{waits}."
            : $"The gil workers gain {X(s)} despite the lock{waits}.";
    }

    private static string WhyPython(ComparisonRow? threads, ComparisonRow? processes)
    {
        if (threads?.Speedup is not { } t) return "";
        string separate = processes?.Speedup is { } p ? $"; processes, with an interpreter and a GIL each, reach {X(p)}" : "";
        if (t < Gain)
        {
            return threads.Work == WorkKind.Io
                ? $"CPython's threads gain nothing even with I/O{separate}."
                : $"CPython's threads gain nothing: its GIL runs one thread's bytecode at a time{separate}.";
        }
        return threads.Work == WorkKind.Io
            ? $"CPython's threads gain {X(t)}: they sleep in I/O with the GIL released{separate}."
            : $"CPython's threads gain {X(t)}{separate}.";
    }

    private static string? Cost(ComparisonReport report)
    {
        var parts = new List<string>();
        foreach (var runtime in report.Rows.Select(r => r.Spec.Runtime).Distinct())
        {
            var rows = report.Rows.Where(r => r.Spec.Runtime == runtime).ToArray();
            var threads = Find(rows, RunMode.Threads);
            var processes = Find(rows, RunMode.Processes);
            if (threads is null || processes is null) continue;
            string name = runtime == WorkerRuntime.Dotnet ? "dotnet" : "python";
            var facts = new List<string>();
            if (processes.PeakWorkingSetBytes is { } pm && threads.PeakWorkingSetBytes is { } tm && tm > 0)
                facts.Add($"peak memory {Format.Short(pm)}B for {processes.ProcessCount} processes against {Format.Short(tm)}B for one process ({((double)pm / tm).ToString("0.0", CultureInfo.InvariantCulture)}×)");
            if (processes.StartupMs is { } ps && threads.StartupMs is { } ts)
                facts.Add($"start-up {Format.Duration(ps)} against {Format.Duration(ts)}");
            if (processes.CpuMs is { } pc && threads.CpuMs is { } tc)
                facts.Add($"CPU time {Format.Duration(pc)} against {Format.Duration(tc)}");
            if (facts.Count > 0) parts.Add($"{name} {string.Join(", ", facts)}");
        }
        return parts.Count == 0 ? null : $"What processes cost beside threads: {string.Join("; ", parts)}.";
    }

    private static string Machine(ComparisonReport report)
    {
        var c = report.Capacity;
        string text = $"This machine: {c.Workers} busy workers at once did {c.Parallelism.ToString("0.00", CultureInfo.InvariantCulture)}× the work of one thread at its best " +
                      $"({c.LogicalCpus} logical CPUs), the most any mode can reach here" +
                      (c.Uncertain is { } why ? $" (uncertain: {why})" : "");
        if (report.MaxOtherCpuPercent is not { } max) return text + "; other processes' CPU could not be measured.";
        if (!report.OtherLoadSignificant)
            return text + $"; other processes used at most {max:0}% of a core meanwhile, too little to matter.";
        var worst = report.Rows.Where(r => r.OtherCpuMaxPercent is not null).MaxBy(r => r.OtherCpuMaxPercent);
        string where = worst is not null && worst.OtherCpuMaxPercent >= (c.OtherCpuPercent ?? 0) ? $" (most during {Label(worst)})" : " (before the rows)";
        return text + $". Other processes used up to {max:0}% of a core{where}: part of any shortfall below {c.Workers}× is theirs, not the threads' or the processes'.";
    }

    private static ComparisonRow? Find(IEnumerable<ComparisonRow> rows, RunMode mode) => rows.FirstOrDefault(r => r.Spec.Mode == mode && r.Correct);

    private static string Label(ComparisonRow row) => row.Spec.Workers == 1 ? row.Spec.Label : $"{row.Spec.Label} ×{row.Spec.Workers}";

    private static string X(double? speedup) => speedup is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "-";

    /// <summary>A row's speed-up; one above what K workers can give is marked, not read as a speed-up.</summary>
    private static string X(ComparisonRow row) => row.SpeedUpFigure is { Uncertain: not null } f
        ? f.Value.ToString("0.00", CultureInfo.InvariantCulture) + "× (?)"
        : X(row.Speedup);
}
