using System.Globalization;
using Monitor.Model;

namespace Monitor.Workloads;

/// <summary>
/// What one worker process is asked to do. Monitor builds these from validated values and passes them as an argument
/// list (never through a shell); the worker parses them back.
/// </summary>
public sealed record WorkerArguments(
    SumRange Range,
    int Threads,
    int FirstWorker,
    WorkerOptions Options,
    int ParentPid)
{
    public const string Verb = "worker";

    public IReadOnlyList<string> ToArgs() =>
    [
        Verb,
        "--start", Str(Range.Start), "--end", Str(Range.End),
        "--threads", Str(Threads), "--first-worker", Str(FirstWorker),
        "--work", Options.Work.Name(),
        "--gil", Options.Gil ? "1" : "0",
        "--switch-ms", Str(Options.SwitchMs), "--lock-block", Str(Options.LockBlock),
        "--parent", Str(ParentPid),
    ];

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses the arguments after the verb. Throws <see cref="FormatException"/> with a plain message.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
                throw new FormatException($"worker: unexpected argument '{args[i]}'");
            values[args[i]] = args[i + 1];
        }
        long Get(string name, long min, long max)
        {
            if (!values.TryGetValue(name, out var text)) throw new FormatException($"worker: {name} is required");
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
                throw new FormatException($"worker: {name} must be an integer in [{min}, {max}]");
            return v;
        }
        long start = Get("--start", 0, WorkloadLimits.MaxN);
        long end = Get("--end", start, WorkloadLimits.MaxN);
        if (!values.TryGetValue("--work", out var workText) || !Words.TryParse<WorkKind>(workText, out var work))
            throw new FormatException("worker: --work must be cpu or io");
        var options = new WorkerOptions(
            work,
            Get("--gil", 0, 1) == 1,
            (int)Get("--switch-ms", 0, WorkloadLimits.MaxSwitchMs),
            Get("--lock-block", 1, WorkloadLimits.MaxLockBlock));
        return new WorkerArguments(
            new SumRange(start, end),
            (int)Get("--threads", 1, WorkloadLimits.MaxThreads),
            (int)Get("--first-worker", 0, WorkloadLimits.MaxThreads),
            options,
            (int)Get("--parent", 0, int.MaxValue));
    }
}
