using Monitor.Recording.Analysis;
using Monitor.Model;

namespace Monitor.Cli.Sinks;

/// <summary>`monitor analyze` for people: what was recorded, the workload's result, then processes, locks and threads.</summary>
public static class AnalysisText
{
    private const int TopLocks = 8;
    private const int TopHotMethods = 15;

    public static void Write(TextWriter o, AnalysisReport r)
    {
        var m = r.Manifest;
        o.WriteLine($"{(r.IsBundle ? "bundle" : "trace")} {r.Source}: {(r.Complete ? "complete" : "INCOMPLETE")}"
            + (r.DurationMs is { } d ? $", {Format.Duration(d)}" : ""));
        foreach (var p in r.Problems) o.WriteLine($"  problem: {p}");
        foreach (var n in r.Notes) o.WriteLine($"  note: {n}");
        if (m?.CommandLine is { } command) o.WriteLine($"recorded with: {string.Join(' ', command)} (Monitor {m.MonitorVersion})");
        if (m?.Machine is { } machine)
        {
            o.WriteLine($"machine: {machine.HostName}, {machine.Os}, {machine.LogicalCpus} logical CPUs"
                + (machine.SingleThreadRate is { } rate ? $", one thread adds {Format.Short(rate)} integers/s" : "")
                + (machine.EffectiveParallelism is { } ep ? $", effective parallelism {ep:0.00}" : ""));
        }
        if (r.Runs.Count > 1)
        {
            WriteRuns(o, r.Runs);
        }
        else if (r.Workload is { } w)
        {
            o.WriteLine();
            WriteWorkload(o, "workload: ", w);
        }
        o.WriteLine();
        var totals = new List<string> { $"contentions {Format.Count(r.ContentionCount)} ({Format.Duration(r.ContentionWaitMs)} waiting)", $"GCs {r.GcCount}" };
        if (r.CpuMs is { } cpu) totals.Add($"CPU {Format.Duration(cpu)}");
        if (r.PeakWorkingSetBytes is { } peak) totals.Add($"peak memory {Format.Short(peak)}B");
        o.WriteLine(string.Join(", ", totals));
        o.WriteLine();
        foreach (var line in Format.Table(
            ["pid", "role", "file", "bytes", "events", "GCs", "peak mem", "contentions", "waited", "CPU", "stack samples"],
            r.Processes.Select(p => (IReadOnlyList<string>)[
                p.Pid.ToString(), p.Role, p.File ?? "-", p.File is null ? "-" : Format.Count(p.Bytes) + (p.TraceComplete ? "" : " (cut)"),
                Format.Count(p.EventCount), p.GcCount.ToString(), p.PeakWorkingSetBytes is { } pk ? Format.Short(pk) + "B" : "-",
                Format.Count(p.ContentionCount), Format.Duration(p.ContentionWaitMs), p.CpuMs is { } c ? Format.Duration(c) : "-",
                Format.Count(p.StackSamples)])))
        {
            o.WriteLine(line);
        }
        if (r.Locks.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"top locks ({Math.Min(TopLocks, r.Locks.Count)} of {r.Locks.Count}):");
            foreach (var line in Format.Table(
                ["pid", "lock", "waits", "waited", "owner tid", "waiter tids", "wait site", "owner runs"],
                r.Locks.Take(TopLocks).Select(l => (IReadOnlyList<string>)[
                    l.Pid.ToString(), "0x" + l.LockId.ToString("x"), Format.Count(l.Waits), Format.Duration(l.WaitMs),
                    l.OwnerTid?.ToString() ?? "?", string.Join(",", l.WaiterTids), l.WaitSite ?? "-", l.OwnerStack is { } owner ? string.Join(" <- ", owner.Take(2)) : "-"])))
            {
                o.WriteLine(line);
            }
        }
        if (r.HotMethods is { Count: > 0 } hot)
        {
            o.WriteLine();
            o.WriteLine("hot methods (share of the CPU the stack samples found running managed code):");
            foreach (var line in Format.Table(
                ["pid", "self", "total", "method", "called most by"],
                hot.Where(m => m.SelfPercent >= 0.05).Take(TopHotMethods).Select(m => (IReadOnlyList<string>)[
                    m.Pid.ToString(), $"{m.SelfPercent:0.0}%", $"{m.TotalPercent:0.0}%", m.Method, m.Callers?.FirstOrDefault()?.Method ?? "-"])))
            {
                o.WriteLine(line);
            }
        }
        if (r.Threads.Count > 0)
        {
            o.WriteLine();
            foreach (var line in Format.Table(
                ["pid", "tid", "name", "role", "worker", "CPU", "contentions", "waited"],
                r.Threads.Select(t => (IReadOnlyList<string>)[
                    t.Pid.ToString(), t.Tid.ToString(), t.Name, t.Role, t.Worker?.ToString() ?? "-",
                    t.CpuMs is { } c ? Format.Duration(c) : "-", Format.Count(t.ContentionCount), Format.Duration(t.ContentionWaitMs)])))
            {
                o.WriteLine(line);
            }
        }
        if (!r.IsBundle && r.Processes is [var only])
        {
            o.WriteLine();
            o.WriteLine("events:");
            foreach (var line in Format.Table(["provider", "event", "count"], only.Events.Select(e => (IReadOnlyList<string>)[e.Provider, e.Event, Format.Count(e.Count)])))
            {
                o.WriteLine("  " + line);
            }
        }
        o.Flush();
    }

    /// <summary>Several runs in one bundle (a UI recording): a line each, then each one's workload.</summary>
    private static void WriteRuns(TextWriter o, IReadOnlyList<RunReport> runs)
    {
        o.WriteLine();
        o.WriteLine($"runs: {runs.Count}");
        foreach (var line in Format.Table(
            ["run", "mode", "workers", "N", "work", "runtime", "started", "elapsed", "contentions", "GCs", "CPU", "result"],
            runs.Select(x => (IReadOnlyList<string>)[
                x.Index.ToString(), x.Run.Mode ?? "?", x.Run.Workers?.ToString() ?? "?", x.Run.N is { } n ? Format.Count(n) : "?",
                x.Run.Work ?? "?", x.Run.Runtime ?? "?", x.Run.StartedAt?.ToLocalTime().ToString("HH:mm:ss") ?? "?",
                x.Workload.ElapsedMs is { } ms ? Format.Duration(ms) : "-",
                x.Traced ? Format.Count(x.ContentionCount) : "-", x.Traced ? x.GcCount.ToString() : "-",
                x.CpuMs is { } c ? Format.Duration(c) : "-", Outcome(x)])))
        {
            o.WriteLine("  " + line);
        }
        foreach (var x in runs)
        {
            o.WriteLine();
            WriteWorkload(o, $"run {x.Index}: ", x.Workload);
            if (!x.Traced) o.WriteLine("  no .nettrace of this run: " + (x.Run.Runtime == "python" ? "Python workers have no EventPipe" : "it started before recording did"));
        }
    }

    private static string Outcome(RunReport x) => x.Correct switch
    {
        _ when x.Unfinished => "still going when recording stopped",
        true => "correct",
        false => x.Run.Failure is { } why ? "failed: " + why : "WRONG",
        null => "unknown",
    };

    private static void WriteWorkload(TextWriter o, string label, WorkloadReport w)
    {
        var head = new List<string>();
        if (w.Mode is not null) head.Add($"mode {w.Mode}");
        if (w.Workers is { } k) head.Add($"{k} worker(s)");
        if (w.N is { } n) head.Add($"N = {Format.Count(n)}");
        head.Add($"iterations {Format.Count(w.Iterations)}");
        if (w.IterationsPerSec is { } ips) head.Add($"{Format.Short(ips)} it/s");
        if (w.ElapsedMs is { } elapsed) head.Add($"elapsed {Format.Duration(elapsed)}");
        o.WriteLine(label + string.Join(", ", head));
        if (w.Sum is { } sum)
        {
            o.WriteLine(w.Correct switch
            {
                true => $"sum {sum} = n(n-1)/2: correct",
                false => $"sum {sum}, expected {w.Expected}: WRONG or unfinished",
                null => $"sum {sum} (N unknown: not checked)",
            });
        }
        if (w.WorkerThreads.Count == 0) return;
        foreach (var line in Format.Table(
            ["worker", "pid", "tid", "iterations", "finished", "progress events"],
            w.WorkerThreads.Select(t => (IReadOnlyList<string>)[t.Worker.ToString(), t.Pid.ToString(), t.Tid.ToString(), Format.Count(t.Iterations), t.Finished ? "yes" : "no", t.ProgressEvents.ToString()])))
        {
            o.WriteLine(line);
        }
    }
}
