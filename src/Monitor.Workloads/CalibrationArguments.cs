using System.Globalization;

namespace Monitor.Workloads;

/// <summary>
/// `monitor worker --calibrate MS --parent PID`: how long to measure the kernel alone, and whose worker this is. The
/// parent matters even for a quarter of a second: a Monitor killed while it calibrates leaves its own diagnostic
/// socket behind, and this worker is then the only process left to notice and remove it.
/// </summary>
public sealed record CalibrationArguments(TimeSpan Duration, int ParentPid)
{
    public const string Flag = "--calibrate";
    public const int MaxMilliseconds = 60_000;

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The arguments after the `worker` verb.</summary>
    public IReadOnlyList<string> ToArgs() => [Flag, Str((long)Duration.TotalMilliseconds), "--parent", Str(ParentPid)];

    public static bool IsCalibration(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Flag;

    /// <summary>Parses the arguments after the verb. Throws <see cref="FormatException"/> with a plain message.</summary>
    public static CalibrationArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count is not (2 or 4)) throw new FormatException($"worker: {Flag} takes MS and optionally --parent PID");
        if (!int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int ms) || ms is < 1 or > MaxMilliseconds)
            throw new FormatException($"worker: {Flag} must be an integer in [1, {MaxMilliseconds}]");
        int parent = 0;
        if (args.Count == 4)
        {
            if (args[2] != "--parent") throw new FormatException($"worker: unexpected argument '{args[2]}'");
            if (!int.TryParse(args[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out parent) || parent < 0)
                throw new FormatException($"worker: --parent must be an integer in [0, {int.MaxValue}]");
        }
        return new CalibrationArguments(TimeSpan.FromMilliseconds(ms), parent);
    }
}
