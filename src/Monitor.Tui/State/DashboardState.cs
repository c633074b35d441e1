using Monitor.Model;
using Monitor.Tui.Input;

namespace Monitor.Tui.State;

/// <summary>
/// Everything the panels draw: the latest snapshot, a minute of history per thread and for the totals, the results
/// of the session and the settings of the next run. Changed only on the UI thread.
/// </summary>
public sealed class DashboardState(WorkloadSettings settings, bool canRunWorkloads, int logicalCpus)
{
    private readonly Dictionary<(int Pid, int Tid), SeriesHistory> _threadCpu = [];
    private readonly List<RunSummary> _results = [];

    public Snapshot? Latest { get; private set; }
    public WorkloadSettings Settings { get; set; } = settings;
    public bool CanRunWorkloads { get; } = canRunWorkloads;
    public int LogicalCpus { get; } = logicalCpus;
    public bool IsRunning { get; set; }
    public string? RecordingStatus { get; set; }
    public string Status { get; set; } = "";
    public bool RuntimeThreadsExpanded { get; set; }

    /// <summary>The keys, for the key bar and the help.</summary>
    public required KeyMap Keys { get; init; }

    public IReadOnlyList<RunSummary> Results => _results;
    public SeriesHistory ContentionPerSec { get; } = new();
    public SeriesHistory WorkingSetBytes { get; } = new();
    public RuntimeHistories Runtime { get; } = new();

    public double Now => Latest?.T ?? 0;
    public double Interval => Latest?.IntervalSeconds is > 0 and var i ? i : 1;

    public SeriesHistory? ThreadCpu(int pid, int tid) => _threadCpu.GetValueOrDefault((pid, tid));

    public void Apply(Snapshot snapshot)
    {
        Latest = snapshot;
        double t = snapshot.T;
        foreach (var thread in snapshot.Threads)
        {
            History(thread.Pid, thread.Tid).Add(t, thread.CpuPercent);
        }
        foreach (var runtime in RuntimeThreadsSummary.Of(snapshot.Threads))
        {
            History(runtime.Pid, RuntimeThreadsSummary.HistoryTid).Add(t, runtime.CpuPercent);
        }
        double interval = snapshot.IntervalSeconds > 0 ? snapshot.IntervalSeconds : 1;
        ContentionPerSec.Add(t, snapshot.Contention.Count / interval);
        WorkingSetBytes.Add(t, snapshot.Totals.WorkingSetBytes);
        Runtime.Apply(snapshot);

        foreach (var gone in _threadCpu.Where(kv => kv.Value.LastT < t - SeriesHistory.WindowSeconds).Select(kv => kv.Key).ToList())
        {
            _threadCpu.Remove(gone);
        }
    }

    public void AddResult(RunSummary summary) => _results.Add(summary);

    /// <summary>The most recent single-thread run of the same work, N and runtime: the baseline a speed-up is measured
    /// against (none for a single run: it is the baseline).</summary>
    public RunSummary? BaselineFor(RunSummary run) => SpeedUp.BaselineFor(_results, run);

    private SeriesHistory History(int pid, int tid)
    {
        if (!_threadCpu.TryGetValue((pid, tid), out var history))
        {
            _threadCpu[(pid, tid)] = history = new SeriesHistory();
        }
        return history;
    }
}
