using System.Diagnostics;
using Monitor.Runners;
using Monitor.Tests.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>
/// A real run whose one worker process is a shell script that speaks the worker protocol with lines the test chose
/// (then sleeps until it is ended, or exits), so the aggregator's arithmetic can be checked against known reports.
/// </summary>
internal sealed class ScriptedRun : IAsyncDisposable
{
    private readonly string _gate = Path.Combine(Path.GetTempPath(), $"monitor-test-gate-{Guid.NewGuid():N}");

    private ScriptedRun(WorkloadRun run) => Run = run;

    public WorkloadRun Run { get; private set; }

    /// <summary>Starts the script: <paramref name="before"/> at once, <paramref name="after"/> once <see cref="Open"/>
    /// is called (so the test decides in which interval they fall), then it sleeps until ended, or exits.</summary>
    public static async Task<ScriptedRun> StartAsync(long n, int workers, IEnumerable<string> before, IEnumerable<string> after, bool exitAfter = false)
    {
        var scripted = new ScriptedRun(null!);
        scripted.Run = await WorkloadRunner.StartAsync(new WorkloadSpec(workers == 1 ? RunMode.Single : RunMode.Threads, workers, n),
            launcher: new Launcher(n, workers, before.ToArray(), after.ToArray(), scripted._gate, exitAfter));
        return scripted;
    }

    public void Open() => File.WriteAllText(_gate, "");

    public async ValueTask DisposeAsync()
    {
        await Run.DisposeAsync();
        File.Delete(_gate);
    }

    /// <summary>Waits until <paramref name="ready"/> holds (the script's lines have been read); a hang guard only.</summary>
    public static async Task Until(Func<bool> ready)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the scripted worker's lines did not arrive");
            await Task.Delay(10);
        }
    }

    public static string Started(int worker, long start, long end) =>
        $"{{\"type\":\"started\",\"worker\":{worker},\"pid\":$$,\"tid\":{1000 + worker},\"start\":{start},\"end\":{end}}}";

    public static string Progress(int worker, long iterations, double cpuMs) =>
        FormattableString.Invariant($"{{\"type\":\"progress\",\"worker\":{worker},\"iterations\":{iterations},\"cpuMs\":{cpuMs}}}");

    public static string Finished(int worker, long iterations, string sum, double cpuMs) =>
        FormattableString.Invariant($"{{\"type\":\"finished\",\"worker\":{worker},\"iterations\":{iterations},\"sum\":\"{sum}\",\"cpuMs\":{cpuMs}}}");

    public static string Usage(double cpuMs, long peak) =>
        FormattableString.Invariant($"{{\"type\":\"usage\",\"pid\":$$,\"cpuMs\":{cpuMs},\"peakWorkingSetBytes\":{peak},\"userMs\":{cpuMs},\"systemMs\":0}}");

    private sealed class Launcher(long n, int workers, string[] before, string[] after, string gate, bool exitAfter) : IWorkerLauncher
    {
        public bool IsDotnet => false;

        public IReadOnlyList<PlannedProcess> Plan(WorkloadSpec spec)
        {
            // $$ in a line is the script's pid: the worker's own, as a real worker reports it.
            static string Echo(IEnumerable<string> lines) => string.Concat(lines.Select(l => $"echo \"{l.Replace("\"", "\\\"")}\"; "));
            string script = Echo(before) + $"while [ ! -e '{gate}' ]; do sleep 0.01; done; " + Echo(after) + (exitAfter ? "exit 0" : "exec sleep 60");
            var start = ShellWorker.StartInfo(script);
            var ranges = Partition.Split(0, n, workers);
            return [new PlannedProcess(start, ranges.Select((r, i) => new WorkerState(i, r.Start, r.End)).ToArray())];
        }
    }
}
