using Monitor.Model;

namespace Monitor.Tests.Tui;

/// <summary>Snapshots with known values, as the aggregator would produce them for typical runs.</summary>
public static class CannedSnapshots
{
    public const int GilPid = 4242;
    public const long Megabyte = 1 << 20;

    public static Snapshot Gil(double t = 12.0)
    {
        var threads = new List<ThreadSample>
        {
            Worker(GilPid, 4301, "gil-worker-0", 0, cpu: 48.5, iterations: 1.2e9),
            Worker(GilPid, 4302, "gil-worker-1", 1, cpu: 47.0, iterations: 1.1e9),
            Worker(GilPid, 4303, "gil-worker-2", 2, cpu: 51.0, iterations: 1.3e9),
            Worker(GilPid, 4304, "gil-worker-3", 3, cpu: 50.0, iterations: 1.2e9),
            Thread(GilPid, 4242, "monitor", ThreadRole.Other, cpu: 0.5),
            Thread(GilPid, 4250, ".NET Finalizer", ThreadRole.Runtime, cpu: 0.0),
            Thread(GilPid, 4251, ".NET Tiered Com", ThreadRole.Runtime, cpu: 1.5),
            Thread(GilPid, 4252, ".NET EventPipe", ThreadRole.Runtime, cpu: 2.0),
        };
        var locks = new[] { new LockSample(GilPid, 0x7f3a10, 412, 38.1, 4301, [4302, 4303, 4304]) };
        var processes = new[] { Process(GilPid, 57 * Megabyte, cpu: 200) };
        return new Snapshot(
            DateTimeOffset.UnixEpoch.AddSeconds(t), t, 1.0,
            new WorkloadInfo(RunMode.Gil, WorkKind.Cpu, WorkerRuntime.Dotnet, 4, 40_000_000_000, t, 18_000_000_000, false),
            processes, threads,
            new ContentionSample(412, 38.1, locks),
            new Totals(200, 57 * Megabyte, 9 * Megabyte, 4.8e9, 0.45, 1.02, 5000, 460, 3));
    }

    /// <summary>As the aggregator words it once the gil worker's EventPipe session failed while it ran on.</summary>
    public const string EventsStopped =
        "runtime events stopped: the event stream of process 4242 broke off (FormatException: Read past end of stream.) while the process runs on";

    /// <summary>The gil run after its worker's session failed: the status on its process (exited or not).</summary>
    public static Snapshot GilWithEventsStopped(double t = 12.0, bool exited = false)
    {
        var gil = Gil(t);
        return gil with { Processes = [.. gil.Processes.Select(p => p with { DiagnosticsStatus = EventsStopped, Exited = exited })] };
    }

    public static Snapshot Processes(double t = 5.0)
    {
        int[] pids = [5001, 5002, 5003];
        var threads = pids.SelectMany((pid, i) => new[]
        {
            Worker(pid, pid + 100, $"worker-{i}", i, cpu: 99.0, iterations: 4.1e9),
            Thread(pid, pid + 1, ".NET Finalizer", ThreadRole.Runtime, cpu: 0.0),
            Thread(pid, pid + 2, ".NET EventPipe", ThreadRole.Runtime, cpu: 1.0),
        }).ToList();
        var processes = pids.Select(pid => Process(pid, 52 * Megabyte, cpu: 100)).ToList();
        return new Snapshot(
            DateTimeOffset.UnixEpoch.AddSeconds(t), t, 1.0,
            new WorkloadInfo(RunMode.Processes, WorkKind.Cpu, WorkerRuntime.Dotnet, 3, 40_000_000_000, t, 20_000_000_000, false),
            processes, threads, ContentionSample.None,
            new Totals(300, 3 * 52 * Megabyte, 3 * 2 * Megabyte, 12.3e9, 0.5, 2.9, 0, 0, 0));
    }

    public const int ServicePid = 7700;

    /// <summary>
    /// An attached service (no workload of Monitor's): its main thread, a hot loop, a logger that mostly sleeps, a
    /// thread in a lock convoy, <paramref name="poolThreads"/> pool workers of one name and two runtime threads. Once
    /// it has <paramref name="exited"/>, as the aggregator gives it: the process marked, its threads gone.
    /// </summary>
    public static Snapshot Service(double t = 5.0, bool exited = false, int poolThreads = 12)
    {
        var threads = new List<ThreadSample>
        {
            Thread(ServicePid, ServicePid, "service", ThreadRole.Other, cpu: 1.0),
            Thread(ServicePid, 7790, "hot-loop", ThreadRole.Other, cpu: 95.0) with { CpuWaitPercent = 2, BlockedPerSec = 1 },
            Thread(ServicePid, 7791, "logger", ThreadRole.Other, cpu: 0.2) with { BlockedPerSec = 50 },
            Thread(ServicePid, 7792, "convoy", ThreadRole.Other, cpu: 10.0) with { CpuWaitPercent = 40, BlockedPerSec = 400 },
            Thread(ServicePid, 7780, ".NET Finalizer", ThreadRole.Runtime, cpu: 0.0),
            Thread(ServicePid, 7781, ".NET Tiered Com", ThreadRole.Runtime, cpu: 1.5),
        };
        threads.AddRange(Enumerable.Range(0, poolThreads).Select(i => Thread(ServicePid, 7800 + i, ".NET TP Worker", ThreadRole.Other, cpu: 5.0)));
        var process = new ProcessSample(ServicePid, "service", ProcessRole.External, 80 * Megabyte, 90 * Megabyte, 20 * Megabyte, 4,
            exited ? 0 : 180, t * 1000, exited ? 0 : threads.Count, exited);
        return new Snapshot(
            DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000 + t), t, 1.0,
            new WorkloadInfo(null, null, WorkerRuntime.Dotnet, 0, 0, t, 0, false),
            [process], exited ? [] : threads, ContentionSample.None,
            new Totals(exited ? 0 : 180, 80 * Megabyte, 20 * Megabyte, 0, 0, null, 0, 0, 4));
    }

    /// <summary>The service with stacks sampled: its hottest thread (hot-loop) in App.Orders.Price, called by
    /// App.Orders.Handle, 80 % of its samples; three hot methods; a lock waited for in App.Cache.Get.</summary>
    public static Snapshot ServiceWithStacks()
    {
        var service = Service();
        var busiest = service.Threads.OrderByDescending(t => t.CpuPercent).First();
        return service with
        {
            Threads = [.. service.Threads.Select(t => t == busiest ? t with { Stack = ["App.Orders.Price", "App.Orders.Handle", "App.Main"], StackPercent = 80 } : t)],
            Contention = new ContentionSample(3, 12, [new LockSample(ServicePid, 0xabc, 3, 12, busiest.Tid, [busiest.Tid]) { WaitSite = "App.Cache.Get" }]),
            HotMethods =
            [
                new HotMethod(ServicePid, "App.Orders.Price", 61.5, 70, [new MethodShare("App.Orders.Handle", 90), new MethodShare("App.Batch.Run", 10)]),
                new HotMethod(ServicePid, "App.Orders.Handle", 8.5, 78.5),
                new HotMethod(ServicePid, "App.Main", 0, 90),
            ],
            Stacks = new StackSampling(true, 1, 4, 0.5, 900, 0.8, null),
        };
    }

    /// <summary>The service as the portable reader sees it: no names, no waiting, no switches (null, not 0).</summary>
    public static Snapshot ServicePortable()
    {
        var service = Service();
        return service with
        {
            Threads = [.. service.Threads.Select(t => t with { Name = "", CpuWaitPercent = null, BlockedPerSec = null, PreemptedPerSec = null })],
            ThreadReader = ThreadReader.Portable,
        };
    }

    /// <summary>The service as the Windows reader sees it: names, no waiting, every switch counted together.</summary>
    public static Snapshot ServiceOnWindows()
    {
        var service = Service();
        return service with
        {
            Threads = [.. service.Threads.Select(t => t with
            {
                CpuWaitPercent = null, BlockedPerSec = null, PreemptedPerSec = null,
                SwitchesPerSec = t.Name == "convoy" ? 900 : 3,
            })],
            ThreadReader = ThreadReader.Windows,
        };
    }

    /// <summary>The service with <paramref name="count"/> threads of names of their own ("req-042"), whose CPU
    /// shifts with <paramref name="t"/> so that every second reorders them.</summary>
    public static Snapshot ServiceWithThreads(int count, double t = 5.0)
    {
        var service = Service(t);
        var main = service.Threads[0];
        return service with
        {
            Threads = [.. Enumerable.Range(0, count).Select(i => main with { Tid = 10_000 + i, Name = $"req-{i:000}", CpuPercent = (i * 7 + (int)t * 13) % 97 })],
        };
    }

    /// <summary>A finished run; <paramref name="mode"/> and <paramref name="work"/> in the command line's words.</summary>
    public static RunSummary Summary(string mode, double elapsedMs, int workers = 4, string work = "cpu", long n = 1_000_000_000) =>
        new()
        {
            Mode = Enum.Parse<RunMode>(mode, ignoreCase: true), Work = Enum.Parse<WorkKind>(work, ignoreCase: true), Workers = workers, N = n,
            ElapsedMs = elapsedMs, Correct = true, CpuMs = elapsedMs * workers, PeakWorkingSetBytes = 60 * Megabyte,
            ContentionCount = mode == "gil" ? 5000 : 0, ContentionWaitMs = mode == "gil" ? 460 : 0, GcCount = 2,
            EffectiveParallelism = mode == "single" ? 1.0 : 1.9,
        };

    private static ThreadSample Worker(int pid, int tid, string name, int index, double cpu, double iterations) =>
        new(pid, tid, name, ThreadRole.Worker, index, cpu, cpu - 1, 1, 3.0, 120, 4, iterations, cpu * 120, 'R');

    private static ThreadSample Thread(int pid, int tid, string name, ThreadRole role, double cpu) =>
        new(pid, tid, name, role, null, cpu, cpu, 0, 0, 2, 0, null, cpu * 10, 'S');

    private static ProcessSample Process(int pid, long workingSet, double cpu) =>
        new(pid, "monitor", ProcessRole.Worker, workingSet, workingSet + 3 * Megabyte, 3 * Megabyte, 1, cpu, cpu * 12, 20, false);
}
