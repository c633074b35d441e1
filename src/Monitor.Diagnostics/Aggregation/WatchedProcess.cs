using Monitor.Model;

namespace Monitor.Diagnostics.Aggregation;

/// <summary>
/// A process the aggregator reads each interval. <see cref="BornWatched"/>: it started after watching began (a run's
/// worker, or a child one of them made), so all its CPU time belongs to what is watched, and CPU found at its first
/// reading was spent in the interval that reading closes. Otherwise (Monitor itself, an attached process) figures
/// count from its first reading: <see cref="CpuBaselineMs"/> and the per-thread baselines.
/// </summary>
internal sealed class WatchedProcess(int pid, ProcessRole role)
{
    public int Pid { get; } = pid;
    public ProcessRole Role { get; } = role;
    public bool BornWatched => Role == ProcessRole.Worker;

    /// <summary>Whether a first reading has been made (the baselines are set).</summary>
    public bool Seen { get; private set; }

    public double CpuBaselineMs { get; private set; }

    /// <summary>The user part of <see cref="CpuBaselineMs"/>.</summary>
    public double UserBaselineMs { get; private set; }

    private Dictionary<int, double>? _threadBaselines;

    /// <summary>The sample last shown, for when the process is gone.</summary>
    public ProcessSample? LastShown { get; set; }

    /// <summary>The process is gone and its own last report has been handed on as a final reading.</summary>
    public bool FinalRecorded { get; set; }

    /// <summary>The most resident memory any reading showed (its resident set or its high-water mark). The kernel
    /// updates VmHWM lazily and counts resident pages per CPU, so a later high-water mark can be below a resident set
    /// read earlier: a peak is never less than this.</summary>
    public long MostResidentBytes { get; private set; }

    public void NoteResident(long workingSetBytes, long peakWorkingSetBytes) =>
        MostResidentBytes = Math.Max(MostResidentBytes, Math.Max(workingSetBytes, peakWorkingSetBytes));

    public void SetBaselines(double processCpuMs, double processUserMs, IReadOnlyList<ThreadCounters> threads)
    {
        if (Seen) return;
        Seen = true;
        if (BornWatched) return;
        CpuBaselineMs = processCpuMs;
        UserBaselineMs = processUserMs;
        _threadBaselines = new Dictionary<int, double>(threads.Count);
        foreach (var t in threads) _threadBaselines[t.Tid] = ThreadCpuMs(t);
    }

    /// <summary>A thread's CPU time since watching began.</summary>
    public double ThreadCpuSinceWatched(in ThreadCounters t) =>
        Math.Max(0, ThreadCpuMs(t) - (_threadBaselines?.GetValueOrDefault(t.Tid) ?? 0));

    /// <summary>The finer schedstat on-CPU time where the OS gives it, else the 10 ms ticks of user + system.</summary>
    public static double ThreadCpuMs(in ThreadCounters t) => t.OnCpuMs ?? t.UserMs + t.SystemMs;
}
