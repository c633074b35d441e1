using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor run` for people: a progress line (rewritten in place on a terminal, one line a tick when stdout is a pipe
/// or a file), then a summary table. Without diagnostics (<paramref name="progressOnly"/>) the progress line has the
/// run's own figures only.
/// </summary>
public sealed class ConsoleTextSink(TextWriter output, bool interactive, bool progressOnly = false) : IMonitorSink
{
    private readonly HashSet<int> _announced = [];
    private int _lastWidth;
    private int _processes;

    public void RunStarted(RunStart run)
    {
        var s = run.Spec;
        _processes = run.Pids.Count;
        if (run.AutoNRate is { } rate)
        {
            output.WriteLine($"N auto = {Format.Count(s.N)} (one thread adds {Format.Short(rate)} integers/s here; aiming at ~{Calibration.TargetRunTime.TotalSeconds:0} s single-threaded)");
        }
        output.WriteLine($"summing 0..N-1, N = {Format.Count(s.N)}: mode {s.Mode.Name()}, {s.Workers} worker(s), work {s.Work.Name()}, runtime {s.RuntimeName}");
    }

    public void SnapshotTaken(Snapshot s)
    {
        if (progressOnly)
        {
            if (s.Workload is { } run) Write(ProgressLine(s, run));
            return;
        }
        AnnounceDiagnostics(s);
        var t = s.Totals;
        // An attach has a workload without a mode (only how long it has been watched): nothing to show progress of.
        if (s.Workload is null or { Mode: null })
        {
            Write(ExternalLine(s));
            return;
        }
        string parallel = t.EffectiveParallelism is { } ep ? $"  parallelism {ep:0.00}" : "";
        string contention = s.Contention.Count > 0 ? $"  contentions {Format.Short(s.Contention.Count / s.IntervalSeconds)}/s" : "";
        // Once the run is done its processes are gone: what it took is their peak, not the last reading.
        string memory = s.Workload.Finished
            ? $"peak mem {Format.Short(s.Processes.Where(p => p.Role != ProcessRole.Monitor).Sum(p => p.PeakWorkingSetBytes))}B"
            : $"mem {Format.Short(t.WorkingSetBytes)}B";
        if (t.EffectiveParallelism is not null && t.ParallelismUncertain is { } why) parallel += $"? ({why})";
        string line = $"[{Format.Bar(t.Progress, 30)}] {Format.Percent(t.Progress),6}  {Format.Short(t.IterationsPerSec),7} it/s  CPU {t.CpuPercent,5:0}%{parallel}  {memory}{contention}";
        Write(line);
    }

    /// <summary>Attached processes: no progress to show, their busiest threads instead; with several, which processes
    /// (those exited marked) and whose each thread is.</summary>
    private static string ExternalLine(Snapshot s)
    {
        var t = s.Totals;
        var watched = s.Processes.Where(p => p.Role != ProcessRole.Monitor).ToArray();
        bool several = watched.Length > 1;
        var busiest = s.Threads.OrderByDescending(th => th.CpuPercent).Take(3)
            .Select(th => $"{(several ? $"{th.Pid}/" : "")}{(th.Name.Length == 0 ? th.Tid.ToString() : th.Name)} {th.CpuPercent:0}%");
        string processes = several ? $"processes {string.Join(' ', watched.Select(p => p.Exited ? $"{p.Pid}(exited)" : p.Pid.ToString()))}  " : "";
        return $"t {s.T,6:0.0}s  {processes}CPU {t.CpuPercent,5:0}%  mem {Format.Short(t.WorkingSetBytes)}B  heap {Format.Short(t.GcHeapBytes)}B  GCs {t.GcCount}  " +
               $"contentions {Format.Short(s.Contention.Count / s.IntervalSeconds)}/s  threads {s.Threads.Count}: {string.Join(", ", busiest)}";
    }

    private string ProgressLine(Snapshot s, WorkloadInfo run) =>
        $"[{Format.Bar(s.Totals.Progress, 30)}] {Format.Percent(s.Totals.Progress),6}  {Format.Short(s.Totals.IterationsPerSec),7} it/s  " +
        $"{Format.Duration(run.ElapsedSeconds * 1000),8}  processes {_processes}";

    /// <summary>A process whose watching broke (its runtime events stopped) is said once, on a line of its own: the
    /// progress line goes on with the figures the OS still gives.</summary>
    private void AnnounceDiagnostics(Snapshot s)
    {
        foreach (var p in s.Processes)
        {
            if (p.DiagnosticsStatus is not { } status || !_announced.Add(p.Pid)) continue;
            lock (output)
            {
                string note = $"process {p.Pid}: {status}";
                if (interactive) output.Write("\r" + note.PadRight(_lastWidth) + Environment.NewLine);
                else output.WriteLine(note);
                _lastWidth = 0;
                output.Flush();
            }
        }
    }

    private void Write(string line)
    {
        lock (output)
        {
            if (interactive) output.Write("\r" + line.PadRight(_lastWidth));
            else output.WriteLine(line);
            _lastWidth = line.Length;
            output.Flush();
        }
    }

    public void RunFinished(RunSummary r, RunStart? started)
    {
        if (interactive) output.WriteLine();
        output.WriteLine();
        var summary = Format.Table(
            ["mode", "work", "runtime", "workers", "N", "elapsed", "processes", "sum", "correct"],
            [[r.Mode?.Name() ?? "?", r.Work.Name(), r.Runtime.Name(), r.Workers.ToString(), Format.Count(r.N),
              Format.Duration(r.ElapsedMs), r.ProcessCount?.ToString() ?? "-", r.Sum?.ToString() ?? "-", r.Correct ? "yes" : "NO"]]);
        foreach (var line in summary) output.WriteLine(line);
        var observed = new List<string>();
        if (r.CpuMs is { } cpu) observed.Add($"CPU {Format.Duration(cpu)}");
        if (r.PeakWorkingSetBytes is { } peak) observed.Add($"peak memory {Format.Short(peak)}B");
        if (r.ContentionCount is { } count) observed.Add($"contentions {Format.Count(count)} ({Format.Duration(r.ContentionWaitMs ?? 0)} waiting)");
        if (r.GcCount is { } gc) observed.Add($"GCs {gc}");
        if (r.EffectiveParallelism is { } parallelism)
            observed.Add($"effective parallelism {parallelism:0.00}" + (r.ParallelismUncertain is { } why ? $" (uncertain: {why})" : ""));
        if (observed.Count > 0) output.WriteLine(string.Join(", ", observed));
        output.WriteLine();
        var workers = Format.Table(
            ["worker", "pid", "tid", "iterations", "share", "CPU"],
            r.WorkerThreads.Select(w => (IReadOnlyList<string>)[w.Worker.ToString(), w.Pid.ToString(), w.Tid.ToString(), Format.Count(w.Iterations),
                Format.Percent(r.N == 0 ? 0 : (double)w.Iterations / r.N), w.CpuMs is { } ms ? Format.Duration(ms) : "-"]));
        foreach (var line in workers) output.WriteLine(line);
        if (!r.Correct)
        {
            output.WriteLine();
            output.WriteLine(r.Outcome switch
            {
                RunOutcome.Interrupted => "INTERRUPTED: the run was ended before it finished",
                RunOutcome.Stopped => "STOPPED: the run was ended before it finished",
                _ => r.EndedBecause is { } failure ? $"FAILED: {failure}" : $"WRONG: expected {r.Expected}, got {r.Sum}",
            });
        }
        output.Flush();
    }
}
