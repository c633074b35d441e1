using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Cli.Sinks;

/// <summary>
/// `monitor run` for people: a progress line (rewritten in place on a terminal, one line a tick when stdout is a pipe
/// or a file), then a summary table.
/// </summary>
public sealed class ConsoleTextSink(TextWriter output, bool interactive) : IRunSink
{
    private long _lastIterations;
    private TimeSpan _lastElapsed;

    public void OnCalibrated(long n, double iterationsPerSecond) =>
        output.WriteLine($"N auto = {Format.Count(n)} (one thread adds {Format.Short(iterationsPerSecond)} integers/s here; aiming at ~{Calibration.TargetRunTime.TotalSeconds:0} s single-threaded)");

    public void OnStarted(WorkloadRun run)
    {
        var s = run.Spec;
        output.WriteLine($"summing 0..N-1, N = {Format.Count(s.N)}: mode {s.Mode.Name()}, {s.Workers} worker(s), work {s.Work.Name()}, runtime {s.RuntimeName}");
    }

    public void OnTick(WorkloadRun run)
    {
        long iterations = run.Iterations;
        var elapsed = run.Elapsed;
        double seconds = (elapsed - _lastElapsed).TotalSeconds;
        double rate = seconds > 0 ? (iterations - _lastIterations) / seconds : 0;
        _lastIterations = iterations;
        _lastElapsed = elapsed;
        string line = $"[{Format.Bar(run.Progress, 30)}] {Format.Percent(run.Progress),6}  {Format.Short(rate),7} it/s  {Format.Duration(elapsed.TotalMilliseconds),8}  processes {run.Processes.Count}";
        if (interactive) output.Write("\r" + line);
        else output.WriteLine(line);
        output.Flush();
    }

    public void OnResult(RunResult r)
    {
        if (interactive) output.WriteLine();
        output.WriteLine();
        var summary = Format.Table(
            ["mode", "work", "runtime", "workers", "N", "elapsed", "processes", "sum", "correct"],
            [[r.Spec.Mode.Name(), r.Spec.Work.Name(), r.Spec.RuntimeName, r.Spec.Workers.ToString(), Format.Count(r.Spec.N),
              Format.Duration(r.ElapsedMs), r.ProcessCount.ToString(), r.Sum.ToString(), r.Correct ? "yes" : "NO"]]);
        foreach (var line in summary) output.WriteLine(line);
        output.WriteLine();
        var workers = Format.Table(
            ["worker", "pid", "tid", "iterations", "share"],
            r.WorkerThreads.Select(w => (IReadOnlyList<string>)[w.Worker.ToString(), w.Pid.ToString(), w.Tid.ToString(), Format.Count(w.Iterations),
                Format.Percent(r.Spec.N == 0 ? 0 : (double)w.Iterations / r.Spec.N)]));
        foreach (var line in workers) output.WriteLine(line);
        if (!r.Correct)
        {
            output.WriteLine();
            output.WriteLine(r.Failure is not null ? $"FAILED: {r.Failure}" : $"WRONG: expected {r.Expected}, got {r.Sum}");
        }
        output.Flush();
    }
}
