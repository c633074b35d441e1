namespace Monitor.Model;

/// <summary>
/// How many times faster a run computed than a single-thread run of the same work, N and runtime: the baseline's
/// compute time over this run's, each its elapsed time minus its start-up (until its first worker thread ran). So a
/// baseline that paid for a cold first start is not compared with a run that did not; start-up has its own column.
/// K workers cannot be more than K times faster than one: a quotient above that (plus the noise of a shared machine)
/// is shown with the reason, not as a speed-up.
/// </summary>
public static class SpeedUp
{
    /// <summary>Above K × (1 + this) the figure is not a speed-up the workers made.</summary>
    public const double Tolerance = 0.10;

    public static SpeedUpFigure? Of(double baselineElapsedMs, double? baselineStartupMs, double elapsedMs, double? startupMs, int workers)
    {
        double baseline = baselineElapsedMs - (baselineStartupMs ?? 0);
        double run = elapsedMs - (startupMs ?? 0);
        if (!(baseline > 0) || !(run > 0) || workers < 1) return null;
        double value = baseline / run;
        string? uncertain = value > workers * (1 + Tolerance)
            ? $"{value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}× is more than {workers} worker(s) can give: the baseline ran slower (other load?)"
            : null;
        return new SpeedUpFigure(value, uncertain);
    }

    /// <summary>The single-thread baseline of <paramref name="run"/> among <paramref name="results"/> (in the order they
    /// finished): the nearest correct single run of the same work, N and runtime before it, or else the first after
    /// it, so that a row's speed-up, once shown, does not change when later runs finish. Null for a single run: it is
    /// the baseline.</summary>
    public static RunSummary? BaselineFor(IReadOnlyList<RunSummary> results, RunSummary run)
    {
        if (run.Mode == RunMode.Single) return null;
        bool Baseline(RunSummary r) => r.Mode == RunMode.Single && r.Work == run.Work && r.N == run.N && r.Runtime == run.Runtime
                                       && r.Outcome == RunOutcome.Completed && r.Correct;
        int at = -1;
        for (int i = 0; i < results.Count; i++)
        {
            if (ReferenceEquals(results[i], run)) at = i;
        }
        if (at < 0) return results.LastOrDefault(Baseline);
        for (int i = at - 1; i >= 0; i--)
        {
            if (Baseline(results[i])) return results[i];
        }
        for (int i = at + 1; i < results.Count; i++)
        {
            if (Baseline(results[i])) return results[i];
        }
        return null;
    }

    public static SpeedUpFigure? Of(RunSummary baseline, RunSummary run) =>
        run.Outcome != RunOutcome.Completed ? null
            : Of(baseline.ElapsedMs, baseline.StartupMs, run.ElapsedMs, run.StartupMs, run.Workers);
}

/// <summary>A speed-up, and why it is not one the workers made when it exceeds K.</summary>
public readonly record struct SpeedUpFigure(double Value, string? Uncertain)
{
    /// <summary>The value when it can be read as a speed-up, else null (<see cref="Uncertain"/> says why).</summary>
    public double? Certain => Uncertain is null ? Value : null;
}
