using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>One row of the threads panel: a thread, or the folded runtime threads of a process.</summary>
public sealed record ThreadRow(
    int Pid,
    int? Tid,
    string Name,
    bool IsWorker,
    bool IsRuntimeSummary,
    bool IsIndented,
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double CpuWaitPercent,
    double BlockedPerSec,
    double? IterationsPerSec)
{
    public int HistoryTid => Tid ?? RuntimeThreadsSummary.HistoryTid;

    /// <summary>
    /// Worker threads first (by process, then worker index), then per process its other threads and one summary row
    /// for its runtime threads, followed by those threads themselves when expanded.
    /// </summary>
    public static IReadOnlyList<ThreadRow> Order(IReadOnlyList<ThreadSample> threads, bool runtimeExpanded, Glyphs glyphs)
    {
        var rows = threads.Where(t => t.Role == ThreadRole.Worker)
            .OrderBy(t => t.Pid).ThenBy(t => t.Worker ?? int.MaxValue).ThenBy(t => t.Tid)
            .Select(t => FromThread(t, indented: false))
            .ToList();
        var runtimeByPid = RuntimeThreadsSummary.Of(threads).ToDictionary(r => r.Pid);
        foreach (int pid in threads.Select(t => t.Pid).Distinct().Order())
        {
            rows.AddRange(threads.Where(t => t.Pid == pid && t.Role == ThreadRole.Other).OrderBy(t => t.Tid)
                .Select(t => FromThread(t, indented: false)));
            if (runtimeByPid.TryGetValue(pid, out var runtime))
            {
                string marker = runtimeExpanded ? glyphs.Expanded : glyphs.Collapsed;
                rows.Add(new ThreadRow(pid, null, $"{marker} runtime {glyphs.Times}{runtime.Count}", false, true, false,
                    runtime.CpuPercent, runtime.UserPercent, runtime.SystemPercent, runtime.CpuWaitPercent,
                    runtime.BlockedPerSec, null));
                if (runtimeExpanded)
                {
                    rows.AddRange(threads.Where(t => t.Pid == pid && t.Role == ThreadRole.Runtime).OrderBy(t => t.Tid)
                        .Select(t => FromThread(t, indented: true)));
                }
            }
        }
        return rows;
    }

    private static ThreadRow FromThread(ThreadSample t, bool indented) => new(
        t.Pid, t.Tid, t.Name, t.Role == ThreadRole.Worker, false, indented, t.CpuPercent, t.UserPercent,
        t.SystemPercent, t.CpuWaitPercent, t.BlockedPerSec, t.IterationsPerSec);
}
