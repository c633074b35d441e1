using Monitor.Model;

namespace Monitor.Tui.State;

/// <summary>The runtime's own threads of one process (finalizer, tiered compilation, EventPipe...) added up into one row.</summary>
public sealed record RuntimeThreadsSummary(
    int Pid,
    int Count,
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double CpuWaitPercent,
    double BlockedPerSec)
{
    /// <summary>Key of the summary row's history: no real thread has tid 0.</summary>
    public const int HistoryTid = 0;

    public static IEnumerable<RuntimeThreadsSummary> Of(IEnumerable<ThreadSample> threads) =>
        threads.Where(t => t.Role == ThreadRole.Runtime)
            .GroupBy(t => t.Pid)
            .OrderBy(g => g.Key)
            .Select(g => new RuntimeThreadsSummary(
                g.Key,
                g.Count(),
                g.Sum(t => t.CpuPercent),
                g.Sum(t => t.UserPercent),
                g.Sum(t => t.SystemPercent),
                g.Max(t => t.CpuWaitPercent),
                g.Sum(t => t.BlockedPerSec)));
}
