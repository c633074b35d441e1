using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// One thread over one interval, from the operating system's own accounting, and (<see cref="ThreadRates"/>) how it
/// comes from two readings of the thread's counters: a thread metric's snapshot side is this file. CPU % is per core (100 = one core);
/// CpuWaitPercent is the share of the interval it was runnable but waiting for a CPU; BlockedPerSec counts voluntary
/// context switches (it blocked), PreemptedPerSec involuntary ones. IterationsPerSec is set for worker threads.
/// SwitchesPerSec is set only where the system counts a thread's switches without telling blocking from preemption
/// (Windows): every switch, with BlockedPerSec and PreemptedPerSec null.
/// CpuWaitPercent, BlockedPerSec and PreemptedPerSec are null where the system's thread reader cannot count them
/// (<see cref="ThreadReader"/>): not counted is not zero, and the JSON says null rather than leave them out.
/// </summary>
public sealed record ThreadSample(
    [property: JsonRequired] int Pid,
    [property: JsonRequired] int Tid,
    [property: JsonRequired] string Name,
    [property: JsonRequired] ThreadRole Role,
    int? Worker,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double UserPercent,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double SystemPercent,
    [property: JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.Never), JsonConverter(typeof(Rounded1Converter))] double? CpuWaitPercent,
    [property: JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.Never), JsonConverter(typeof(Rounded1Converter))] double? BlockedPerSec,
    [property: JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.Never), JsonConverter(typeof(Rounded1Converter))] double? PreemptedPerSec,
    [property: JsonConverter(typeof(Rounded0Converter))] double? IterationsPerSec,
    [property: JsonRequired, JsonConverter(typeof(Rounded1Converter))] double CpuMs,
    [property: JsonRequired] char State)
{
    /// <summary>The thread's most frequent managed stack in the latest burst of stack samples, leaf first, frames as
    /// Namespace.Type.Method; null without stacks (or for a thread that ran no managed code then).</summary>
    public IReadOnlyList<string>? Stack { get; init; }

    /// <summary>Context switches per second of every kind, where the reader cannot tell the kinds apart (Windows); null
    /// elsewhere (BlockedPerSec + PreemptedPerSec are the same figure split).</summary>
    [JsonConverter(typeof(Rounded1Converter))]
    public double? SwitchesPerSec { get; init; }

    /// <summary>The share (0..100) of the thread's samples that found it in <see cref="Stack"/>.</summary>
    [JsonConverter(typeof(Rounded1Converter))]
    public double? StackPercent { get; init; }

    /// <summary>Thread <paramref name="now"/> of process <paramref name="pid"/> over the <paramref name="seconds"/>
    /// since <paramref name="before"/> (null: not read before; its rates are then zero). A rate the readings lack is
    /// null.</summary>
    public static ThreadSample Of(
        int pid, ThreadRole role, int? worker, double? iterationsPerSec, double cpuMs, in ThreadCounters now, ThreadCounters? before, double seconds)
    {
        var rates = before is { } b ? ThreadRates.Between(b, now, seconds) : ThreadRates.FirstReading(now);
        return new ThreadSample(
            pid, now.Tid, now.Name, role, worker,
            rates.CpuPercent, rates.UserPercent, rates.SystemPercent, rates.CpuWaitPercent,
            rates.VoluntaryPerSec, rates.InvoluntaryPerSec,
            iterationsPerSec, cpuMs, now.State)
        {
            SwitchesPerSec = rates.SwitchesPerSec,
        };
    }
}

/// <summary>
/// What one thread did between two readings. Percentages are of one core (100 = busy the whole interval);
/// CpuWaitPercent is the share of the interval it was ready to run but waiting for a CPU. Voluntary switches are
/// times it blocked (a lock, a sleep, I/O), involuntary ones times it was preempted. Null where the readings lack
/// the counter.
/// </summary>
/// <param name="IntervalCpuMs">CPU time the thread used in the interval.</param>
/// <param name="SwitchesPerSec">Every switch, where the OS does not split them (<see cref="ThreadCounters.ContextSwitches"/>).</param>
public readonly record struct ThreadRates(
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double? CpuWaitPercent,
    double? VoluntaryPerSec,
    double? InvoluntaryPerSec,
    double IntervalCpuMs,
    double? SwitchesPerSec = null)
{
    /// <summary>
    /// The rates between two readings of the same thread <paramref name="seconds"/> apart (see
    /// <see cref="SameThread"/>; a counter that went backwards counts as 0). CPU time is the schedstat on-CPU time
    /// when both readings have it (nanoseconds; utime and stime move in 10 ms ticks), split between user and system
    /// as the ticks moved.
    /// </summary>
    public static ThreadRates Between(in ThreadCounters before, in ThreadCounters after, double seconds)
    {
        if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "the interval must be positive");
        double intervalMs = seconds * 1000;

        double userMs = Delta(before.UserMs, after.UserMs);
        double systemMs = Delta(before.SystemMs, after.SystemMs);
        double tickMs = userMs + systemMs;
        double cpuMs = Delta(before.OnCpuMs, after.OnCpuMs) ?? tickMs;

        // Ticks can stand still while a little CPU was used: split by the lifetime totals then, and call it user
        // time when even those are zero.
        double userShare = tickMs > 0 ? userMs / tickMs
            : after.UserMs + after.SystemMs > 0 ? after.UserMs / (after.UserMs + after.SystemMs)
            : 1;

        return new ThreadRates(
            CpuPercent: cpuMs / intervalMs * 100,
            UserPercent: cpuMs * userShare / intervalMs * 100,
            SystemPercent: cpuMs * (1 - userShare) / intervalMs * 100,
            CpuWaitPercent: Delta(before.WaitingForCpuMs, after.WaitingForCpuMs) / intervalMs * 100,
            VoluntaryPerSec: Delta(before.VoluntarySwitches, after.VoluntarySwitches) / seconds,
            InvoluntaryPerSec: Delta(before.InvoluntarySwitches, after.InvoluntarySwitches) / seconds,
            IntervalCpuMs: cpuMs,
            SwitchesPerSec: Delta(before.ContextSwitches, after.ContextSwitches) / seconds);
    }

    /// <summary>A thread read for the first time: nothing to compare with, so every rate is 0, and those the
    /// reading lacks stay null.</summary>
    public static ThreadRates FirstReading(in ThreadCounters now) => new(
        0, 0, 0,
        now.WaitingForCpuMs is null ? null : 0,
        now.VoluntarySwitches is null ? null : 0,
        now.InvoluntarySwitches is null ? null : 0,
        0,
        now.ContextSwitches is null ? null : 0);

    /// <summary>Whether two readings are of one thread: the same tid, and the same start time when both know it
    /// (the OS reuses the tids of ended threads).</summary>
    public static bool SameThread(in ThreadCounters before, in ThreadCounters after) =>
        before.Tid == after.Tid
        && (before.StartedMs is not { } a || after.StartedMs is not { } b || Math.Abs(a - b) < 0.5);

    private static double Delta(double before, double after) => Math.Max(0, after - before);

    private static double? Delta(double? before, double? after) =>
        before is { } b && after is { } a ? Math.Max(0, a - b) : null;

    private static double? Delta(long? before, long? after) =>
        before is { } b && after is { } a ? Math.Max(0, a - b) : null;
}

