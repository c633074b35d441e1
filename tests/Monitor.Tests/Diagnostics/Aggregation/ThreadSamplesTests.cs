using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;
using Monitor.Runners;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>Each thread of a process over one interval: rates against its earlier reading, role, worker and worker rate.</summary>
public sealed class ThreadSamplesTests
{
    private const int Pid = 100;
    private readonly WatchedProcess _process = new(Pid, ProcessRole.Worker);
    private readonly WorkerAttribution _attribution = new();
    private readonly List<ThreadSample> _workers = new();
    private readonly List<ThreadSample> _others = new();

    private void Add(ProcessCounters before, ProcessCounters now, bool newThreadsBornInInterval, IntervalMark? from = null, double seconds = 1) =>
        ThreadSamples.Add(_process, now, before, newThreadsBornInInterval, runtime: null, _attribution, from ?? new IntervalMark(0), seconds, _workers, _others);

    private ThreadSample Sampled(int tid) => _workers.Concat(_others).Single(t => t.Tid == tid);

    [Fact]
    public void A_thread_is_measured_against_its_own_earlier_reading_and_a_new_one_from_nothing_only_if_born_in_the_interval()
    {
        var before = Process(Pid, 1000, Thread(10, "main", 100, onCpuMs: 100));
        var now = Process(Pid, 1000, Thread(11, "new", 300, onCpuMs: 300), Thread(10, "main", 600, onCpuMs: 600));

        Add(before, now, newThreadsBornInInterval: true, seconds: 2);
        var born = Sampled(11);
        _others.Clear();
        Add(before, now, newThreadsBornInInterval: false, seconds: 2);

        Assert.Equal(25, Sampled(10).CpuPercent, 6);        // 500 ms in 2 s, found though its place changed
        Assert.Equal(15, born.CpuPercent, 6);               // all its 300 ms
        Assert.Equal(0, Sampled(11).CpuPercent, 6);         // no earlier reading to measure it against
    }

    [Fact]
    public void A_tid_reused_by_a_new_thread_is_not_measured_against_the_old_thread()
    {
        var before = Process(Pid, 1000, Thread(10, "old", 900, onCpuMs: 900) with { StartedMs = 5 });
        var now = Process(Pid, 1000, Thread(10, "new", 200, onCpuMs: 200) with { StartedMs = 4000 });

        Add(before, now, newThreadsBornInInterval: true);

        Assert.Equal(20, Sampled(10).CpuPercent, 6);        // its own 200 ms, not 200 - 900
    }

    [Fact]
    public void Workers_get_their_iterations_per_second_and_the_others_a_role_from_their_name()
    {
        var run = new FakeRun(2, 1000, Pid);
        run.Started(1, Pid, 21);
        run.Progressed(1, 450, cpuMs: null);
        _attribution.Update(run);
        var from = new IntervalMark(0);
        from.Workers[1] = new WorkerReading(150, null);
        var reading = Process(Pid, 1000, Thread(20, "sum-worker-0", 0), Thread(21, "main", 0), Thread(22, ".NET TP Worker", 0), Thread(23, "main", 0));

        Add(reading, reading, newThreadsBornInInterval: false, from, seconds: 2);

        Assert.Equal([(20, 0), (21, 1)], _workers.Select(t => (t.Tid, t.Worker!.Value)));
        Assert.Equal(0, Sampled(20).IterationsPerSec);      // worker 0 reported nothing yet
        Assert.Equal(150, Sampled(21).IterationsPerSec);    // 300 iterations since the mark, in 2 s
        Assert.Equal(ThreadRole.Runtime, Sampled(22).Role);
        Assert.Equal(ThreadRole.Other, Sampled(23).Role);
        Assert.Null(Sampled(23).IterationsPerSec);
    }

    [Fact]
    public void A_snapshot_lists_workers_by_index_then_the_other_threads_by_process_busiest_first()
    {
        static ThreadSample Sample(int pid, int tid, int? worker, double cpu) =>
            new(pid, tid, "t", worker is null ? ThreadRole.Other : ThreadRole.Worker, worker, cpu, cpu, 0, 0, 0, 0, null, 0, 'R');

        var ordered = ThreadSamples.InOrder(
            [Sample(200, 1, 1, 10), Sample(100, 2, 0, 5)],
            [Sample(200, 3, null, 50), Sample(100, 4, null, 1), Sample(100, 5, null, 30)]);

        Assert.Equal([2, 1, 5, 4, 3], ordered.Select(t => t.Tid));
    }
}
