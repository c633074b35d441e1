using System.Globalization;
using Monitor.Model;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor attach --text`: per snapshot a block like top's batch mode, for a process that has no workload to show
/// progress for: each watched process with its runtime line (thread pool, GC pause, allocation, exceptions), its
/// busiest threads by CPU and the most waited-for locks with their owners; with stacks (--stacks) each thread's top
/// frame, each lock's wait site and the hottest methods. Blocks are separated by a blank line and
/// never rewritten in place, so a terminal and a file read alike.
/// </summary>
public sealed class AttachTextSink(TextWriter output, int topThreads = 8, int topLocks = 5) : IMonitorSink
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void RunStarted(RunStart run)
    {
    }

    public void RunFinished(RunSummary summary, RunStart? started)
    {
    }

    public void SnapshotTaken(Snapshot s)
    {
        var lines = Block(s, topThreads, topLocks);
        lock (output)
        {
            foreach (var line in lines) output.WriteLine(line);
            output.WriteLine();
            output.Flush();
        }
    }

    /// <summary>The lines of one snapshot's block.</summary>
    public static IReadOnlyList<string> Block(Snapshot s, int topThreads, int topLocks, int topMethods = 5)
    {
        var lines = new List<string>();
        var watched = s.Processes.Where(p => p.Role != ProcessRole.Monitor).ToArray();
        foreach (var p in watched)
        {
            string state = p.Exited ? "  exited" : p.DiagnosticsStatus is { } status ? $"  {status}" : "";
            lines.Add($"t {s.T.ToString("0.0", Invariant)}s  pid {p.Pid} {p.Name}  CPU {p.CpuPercent.ToString("0", Invariant)}%  " +
                      $"mem {Format.Short(p.WorkingSetBytes)}B  GC heap {(p.GcHeapBytes is { } heap ? Format.Short(heap) + "B" : "-")}  " +
                      $"GCs {p.GcCount?.ToString(Invariant) ?? "-"}  threads {p.ThreadCount}{state}");
            if (p.Runtime is { } r) lines.Add("  " + RuntimeLine(r));
        }
        if (watched.Length == 0) lines.Add($"t {s.T.ToString("0.0", Invariant)}s  no process watched");

        var names = s.Threads.ToDictionary(t => (t.Pid, t.Tid), t => t.Name);
        bool stacks = s.Stacks is { Enabled: true };
        var threads = s.Threads.OrderByDescending(t => t.CpuPercent).ThenBy(t => t.Tid).Take(topThreads)
            .Select(t => (IReadOnlyList<string>)[t.Pid.ToString(Invariant), t.Tid.ToString(Invariant), t.Name.Length == 0 ? "-" : t.Name,
                Number(t.CpuPercent), Number(t.CpuWaitPercent), Number(t.BlockedPerSec), .. stacks ? [t.Stack?.FirstOrDefault() ?? "-"] : Array.Empty<string>()]);
        lines.AddRange(stacks
            ? Table(["PID", "TID", "THREAD", "CPU%", "WAIT%", "BLK/s", "IN"], "rrlrrrl", threads)
            : Table(["PID", "TID", "THREAD", "CPU%", "WAIT%", "BLK/s"], "rrlrrr", threads));

        var locks = s.Contention.Locks.Where(l => l.Waits > 0).OrderByDescending(l => l.WaitMs).Take(topLocks).ToArray();
        if (locks.Length > 0)
        {
            string Name(int pid, int tid) => names.TryGetValue((pid, tid), out var n) && n.Length > 0 ? $"{n} ({tid})" : tid.ToString(Invariant);
            var rows = locks.Select(l => (IReadOnlyList<string>)[l.Pid.ToString(Invariant), $"0x{l.LockId:x}", l.Waits.ToString(Invariant),
                l.WaitMs.ToString("0.0", Invariant), l.OwnerTid is { } owner ? Name(l.Pid, owner) : "-",
                string.Join(", ", l.WaiterTids.Select(w => Name(l.Pid, w))), .. stacks ? [l.WaitSite ?? "-"] : Array.Empty<string>()]);
            lines.AddRange(stacks
                ? Table(["PID", "LOCK", "WAITS", "WAIT ms", "OWNER", "WAITERS", "WAIT SITE"], "rlrrlll", rows)
                : Table(["PID", "LOCK", "WAITS", "WAIT ms", "OWNER", "WAITERS"], "rlrrll", rows));
        }
        else
        {
            lines.Add("  no lock contention");
        }
        if (stacks)
        {
            var hot = (s.HotMethods ?? []).Where(m => m.SelfPercent >= 0.05).OrderByDescending(m => m.SelfPercent).Take(topMethods)
                .Select(m => (IReadOnlyList<string>)[m.Pid.ToString(Invariant), Number(m.SelfPercent), Number(m.TotalPercent), m.Method]).ToArray();
            if (hot.Length > 0) lines.AddRange(Table(["PID", "SELF%", "TOTAL%", "HOT METHOD"], "rrrl", hot));
            else lines.Add($"  stacks: {s.Stacks!.Status ?? "no managed code ran in the last burst"}");
        }
        return lines;
    }

    /// <summary>"runtime: pool 25 threads, queue 223, 19 done/s, 10 starvation adjustments; GC pause 0.1%, alloc
    /// 32.0M B/s; 200 exceptions/s; 20 methods jitted/s", each figure "-" until the runtime reported it.</summary>
    public static string RuntimeLine(RuntimeSample r) =>
        $"runtime: pool {Known(r.ThreadPoolThreads)} threads, queue {Known(r.ThreadPoolQueueLength)}, {Rate(r.ThreadPoolCompletedPerSec)} done/s, " +
        $"{Known(r.StarvationAdjustments)} starvation adjustments; GC pause {(r.GcPausePercent is { } pause ? pause.ToString("0.0", Invariant) + "%" : "-")}, " +
        $"alloc {(r.AllocBytesPerSec is { } alloc ? Format.Short(alloc) + "B" : "-")}/s; {Rate(r.ExceptionsPerSec)} exceptions/s; " +
        $"{Rate(r.MethodsJittedPerSec)} methods jitted/s";

    /// <summary>Indented columns two spaces apart, numbers right-aligned as top has them (<paramref name="align"/>:
    /// 'r' or 'l' per column).</summary>
    private static IEnumerable<string> Table(IReadOnlyList<string> header, string align, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        return all.Select(row => "  " + string.Join("  ", row.Select((cell, i) => align[i] == 'r' ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
    }

    private static string Number(double value) => value.ToString("0.0", Invariant);

    /// <summary>A figure this system's thread reader does not count reads "n/a", not 0.</summary>
    private static string Number(double? value) => value is { } v ? Number(v) : "n/a";

    private static string Known(long? value) => value?.ToString(Invariant) ?? "-";

    private static string Rate(double? perSec) => perSec is { } v ? Format.Short(v) : "-";
}
