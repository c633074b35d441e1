using Monitor.Export;
using Monitor.Model;

namespace Monitor.Tests.Export;

/// <summary>What the exporter reports from snapshots made here: the cap on series, counters that only grow and add up
/// to what the snapshots said, and processes whose series end when they exit.</summary>
public sealed class ExportViewTests
{
    private const int Pid = 7001;

    [Fact]
    public void Threads_are_grouped_by_name_and_beyond_the_cap_add_up_as_other()
    {
        var view = new ExportView(threadSeriesPerProcess: 2);
        // Three pool threads share a name; five names in all.
        var threads = new[]
        {
            Thread(1, "sum-worker-0", cpuMs: 900), Thread(2, "sum-worker-1", cpuMs: 800),
            Thread(3, ".NET TP Worker", cpuMs: 10), Thread(4, ".NET TP Worker", cpuMs: 20), Thread(5, ".NET TP Worker", cpuMs: 30),
            Thread(6, ".NET Finalizer", cpuMs: 1), Thread(7, "main", cpuMs: 5),
        };
        var frame = view.Apply(Snap(1, threads));

        Assert.Equal(["sum-worker-0", "sum-worker-1", Attributes.Other], frame.Threads.Select(t => t.ThreadName));
        var other = frame.Threads.Single(t => t.ThreadName == Attributes.Other);
        Assert.Equal(5, other.Threads);
        Assert.Equal(0.066, other.CpuSeconds, 9);
        Assert.Equal(threads.Sum(t => t.CpuMs) / 1000, frame.Threads.Sum(t => t.CpuSeconds), 9);
    }

    [Fact]
    public void A_busier_name_takes_a_series_only_at_twice_the_least_ones_cpu_and_no_counter_goes_down()
    {
        var view = new ExportView(threadSeriesPerProcess: 1);
        var first = view.Apply(Snap(1, [Thread(1, "a", cpuMs: 100), Thread(2, "b", cpuMs: 150)]));
        // b, the busier, takes the one series; a adds up as other.
        Assert.Equal(["b", Attributes.Other], first.Threads.Select(t => t.ThreadName));

        var second = view.Apply(Snap(2, [Thread(1, "a", cpuMs: 400), Thread(2, "b", cpuMs: 160)]));
        // a reaches 400 ms against b's 160: more than twice, so a takes the series (from now on: its first 100 ms stay
        // in other); b's series ends, and its CPU from now on is other's.
        Assert.Equal(["a", Attributes.Other], second.Threads.Select(t => t.ThreadName));
        var previous = first.Threads.ToDictionary(t => t.ThreadName);
        foreach (var t in second.Threads)
        {
            if (previous.TryGetValue(t.ThreadName, out var before)) Assert.True(t.CpuSeconds >= before.CpuSeconds, $"{t.ThreadName} went down");
        }
        // Every millisecond any thread used is in exactly one series, the ended one included.
        double reported = second.Threads.Sum(t => t.CpuSeconds) + first.Threads.Where(t => second.Threads.All(s => s.ThreadName != t.ThreadName)).Sum(t => t.CpuSeconds);
        Assert.Equal(0.560, reported, 9);
    }

    [Fact]
    public void An_exited_process_is_not_reported_and_its_state_is_dropped()
    {
        var view = new ExportView();
        view.Apply(Snap(1, [Thread(1, "w", cpuMs: 500)]));
        var gone = view.Apply(Snap(2, [], exited: true));
        Assert.Empty(gone.Processes);
        Assert.Empty(gone.Threads);
        // The same pid again (a new process): its series start over.
        var again = view.Apply(Snap(3, [Thread(1, "w", cpuMs: 50)]));
        Assert.Equal(0.050, Assert.Single(again.Threads).CpuSeconds, 9);
    }

    [Fact]
    public void Process_cpu_time_is_split_by_mode_and_adds_up_to_its_cpu()
    {
        var frame = new ExportView().Apply(Snap(1, [], cpuMs: 1234.5, userMs: 1000.5));
        var p = Assert.Single(frame.Processes);
        Assert.Equal(1.0005, p.UserSeconds!.Value, 9);
        Assert.Equal(0.234, p.SystemSeconds!.Value, 9);
        Assert.Equal(1.2345, p.UserSeconds.Value + p.SystemSeconds.Value, 9);
    }

    [Fact]
    public void Wait_for_a_cpu_and_switches_add_up_over_the_time_each_snapshot_adds()
    {
        var view = new ExportView();
        view.Apply(Snap(1, [Thread(1, "w", cpuMs: 500, waitPercent: 50, blockedPerSec: 10)]));
        // A folded interval (the run's end): its interval reaches back over the one before; only 0.3 s is new.
        var frame = view.Apply(Snap(1.3, [Thread(1, "w", cpuMs: 600, waitPercent: 50, blockedPerSec: 10)], interval: 1.3));
        var t = Assert.Single(frame.Threads);
        Assert.Equal(0.5 * 1.0 + 0.5 * 0.3, t.CpuWaitSeconds!.Value, 9);
        Assert.Equal(10 * 1.3, t.VoluntarySwitches!.Value, 9);
    }

    [Fact]
    public void A_reader_that_counts_no_waiting_or_switches_exports_no_such_series_not_zeros()
    {
        var view = new ExportView();
        var nothing = Thread(1, "w", cpuMs: 500) with { CpuWaitPercent = null, BlockedPerSec = null, PreemptedPerSec = null };
        view.Apply(Snap(1, [nothing]));
        var t = Assert.Single(view.Apply(Snap(2, [nothing with { CpuMs = 900 }])).Threads);
        Assert.Equal(0.9, t.CpuSeconds, 9);
        Assert.Null(t.CpuWaitSeconds);
        Assert.Null(t.VoluntarySwitches);
        Assert.Null(t.InvoluntarySwitches);

        using var meter = new System.Diagnostics.Metrics.Meter("monitor-test-" + Guid.NewGuid());
        ExportInstruments.Create(meter, () => view.Apply(Snap(3, [nothing with { CpuMs = 1000 }])));
        var seen = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => seen.Add(instrument.Name));
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Contains("monitor.thread.cpu.time", seen);
        Assert.DoesNotContain("monitor.thread.cpu.wait.time", seen);
        Assert.DoesNotContain("monitor.thread.context_switches", seen);
    }

    [Fact]
    public void Locks_beyond_the_cap_and_those_not_listed_add_up_as_other_and_a_fold_is_not_counted_twice()
    {
        var view = new ExportView(lockSeriesPerProcess: 1);
        // The process counted 12 contentions; the snapshot lists two locks with 10 of them.
        var first = view.Apply(Snap(1, [], locks: [Lock(0xA, 7, 70), Lock(0xB, 3, 30)], contentions: (12, 120)));
        Assert.Equal(["0xa", Attributes.Other], first.Locks.Select(l => l.LockId));
        Assert.Equal(7, first.Locks[0].Contentions);
        Assert.Equal(5, first.Locks[1].Contentions);
        Assert.Equal(0.050, first.Locks[1].WaitSeconds, 9);

        // Folded: the lock's figures include the interval before (7 of its 9 are counted already).
        var second = view.Apply(Snap(1.2, [], locks: [Lock(0xA, 9, 90)], contentions: (14, 140), interval: 1.2));
        Assert.Equal(9, second.Locks[0].Contentions);
        Assert.Equal(5, second.Locks[1].Contentions);
        Assert.Equal(14, second.Locks.Sum(l => l.Contentions));
        Assert.Equal(0.140, second.Locks.Sum(l => l.WaitSeconds), 9);
    }

    [Fact]
    public void A_lock_series_carries_its_wait_site_once_stacks_have_shown_it_and_keeps_it()
    {
        var view = new ExportView();
        var before = view.Apply(Snap(1, [], locks: [Lock(0xA, 2, 20)], contentions: (2, 20)));
        Assert.Null(before.Locks[0].WaitSite);

        var named = view.Apply(Snap(2, [], locks: [Lock(0xA, 3, 30) with { WaitSite = "App.Cache.Get" }], contentions: (5, 50)));
        var later = view.Apply(Snap(3, [], locks: [Lock(0xA, 1, 10)], contentions: (6, 60)));

        Assert.Equal("App.Cache.Get", named.Locks[0].WaitSite);
        Assert.Equal("App.Cache.Get", later.Locks[0].WaitSite);
        Assert.Equal(6, later.Locks[0].Contentions);
    }

    [Fact]
    public void A_run_reports_its_workload()
    {
        var snapshot = Snap(1, []) with
        {
            Workload = new WorkloadInfo(RunMode.Gil, WorkKind.Cpu, WorkerRuntime.Dotnet, 2, 1000, 1, 400, false),
        };
        var w = new ExportView().Apply(snapshot).Workload!;
        Assert.Equal(("gil", "cpu", "dotnet", 2, 400L), (w.Mode, w.Work, w.Runtime, w.Workers, w.Iterations));
    }

    public static ThreadSample Thread(int tid, string name, double cpuMs, double waitPercent = 0, double blockedPerSec = 0, int pid = Pid) =>
        new(pid, tid, name, ThreadRole.Other, null, 10, 8, 2, waitPercent, blockedPerSec, 0, null, cpuMs, 'R');

    public static LockSample Lock(ulong id, long waits, double waitMs, int pid = Pid) => new(pid, id, waits, waitMs, null, []);

    public static Snapshot Snap(double t, IReadOnlyList<ThreadSample> threads, bool exited = false, double cpuMs = 100, double userMs = 80,
        IReadOnlyList<LockSample>? locks = null, (long Count, double WaitMs)? contentions = null, double interval = 1.0, int pid = Pid)
    {
        var process = new ProcessSample(pid, "app", ProcessRole.External, 50 << 20, 60 << 20, 4 << 20, 3, 10, cpuMs, threads.Count, exited,
            UserMs: userMs, SystemMs: cpuMs - userMs, ContentionCount: contentions?.Count, ContentionWaitMs: contentions?.WaitMs);
        var contention = new ContentionSample(locks?.Sum(l => l.Waits) ?? 0, locks?.Sum(l => l.WaitMs) ?? 0, locks ?? []);
        return new Snapshot(DateTimeOffset.UnixEpoch.AddSeconds(t), t, interval, null, [process], threads, contention,
            new Totals(10, 50 << 20, 4 << 20, 0, 0, null, contentions?.Count ?? 0, contentions?.WaitMs ?? 0, 3, cpuMs));
    }
}
