using Monitor.Diagnostics.Sources.OsThreads.Linux;
using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Benchmarks;

/// <summary>
/// One sampling of a process of 64 threads: the /proc reading alone, and the aggregator's whole Take (the reading
/// plus turning it into a snapshot), as the snapshot clock does once per interval and per watched process. The
/// process is this one, with parked threads added until /proc/self/task lists 64. The portable reader beside it says
/// what MONITOR_SAMPLER=portable (and a system without a reader of its own) costs.
/// </summary>
[MemoryDiagnoser]
[SupportedOSPlatform("linux")]
public class SamplerBenchmarks
{
    public const int ThreadCount = 64;

    private readonly ManualResetEventSlim _release = new();
    private readonly List<Thread> _parked = [];
    private LinuxProcThreadSampler _sampler = null!;
    private PortableThreadSampler _portable = null!;
    private SnapshotAggregator _aggregator = null!;
    private int _pid;

    [GlobalSetup]
    public void Setup()
    {
        _pid = Environment.ProcessId;
        while (Directory.GetDirectories("/proc/self/task").Length < ThreadCount)
        {
            var t = new Thread(() => _release.Wait()) { IsBackground = true, Name = $"parked-{_parked.Count}" };
            t.Start();
            _parked.Add(t);
            Thread.Sleep(1);
        }
        _sampler = new LinuxProcThreadSampler();
        _portable = new PortableThreadSampler();
        _aggregator = new SnapshotAggregator(new LinuxProcThreadSampler(), new Monitor.Runners.SingleThreadRate(1e9));
        _aggregator.Watch(_pid, ProcessRole.External);
        _aggregator.Prime();
        // Steady state: files opened and names cached by the first readings.
        for (int i = 0; i < 3; i++)
        {
            _sampler.Sample(_pid);
            _aggregator.Take();
        }
        int threads = _sampler.Sample(_pid)!.Threads.Count;
        if (threads < ThreadCount) throw new InvalidOperationException($"only {threads} threads were read");
    }

    private ProcessCounters? _older, _newer;

    [Benchmark(Description = "OS sampler: 64 threads, new reading")]
    public ProcessCounters? Sample() => _sampler.Sample(_pid);

    /// <summary>As the aggregator samples: the reading before the previous one is handed back to be refilled.</summary>
    [Benchmark(Description = "OS sampler: 64 threads, reading reused")]
    public ProcessCounters? SampleReusing()
    {
        var reading = _sampler.Sample(_pid, _older);
        _older = _newer;
        _newer = reading;
        return reading;
    }

    /// <summary>The portable reader (Process.Threads, what a system without a reader of its own runs) on the same
    /// process: MONITOR_SAMPLER=portable.</summary>
    [Benchmark(Description = "portable sampler: 64 threads")]
    public ProcessCounters? SamplePortable() => _portable.Sample(_pid);

    [Benchmark(Description = "sampler + aggregation (Take)")]
    public Snapshot Take() => _aggregator.Take();

    [GlobalCleanup]
    public void Cleanup()
    {
        _release.Set();
        _sampler.Dispose();
        _aggregator.Dispose();
    }
}
