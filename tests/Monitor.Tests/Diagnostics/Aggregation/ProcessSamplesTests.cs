using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources;
using Monitor.Model;
using Monitor.Workloads;
using static Monitor.Tests.Diagnostics.Aggregation.ScriptedSampler;

namespace Monitor.Tests.Diagnostics.Aggregation;

/// <summary>A process's sample over one interval: read while it runs, from what was last known once gone, from its
/// runtime alone without the OS sampler.</summary>
public sealed class ProcessSamplesTests
{
    private const int Pid = 100;
    private const long Megabyte = 1 << 20;

    [Fact]
    public void A_running_attached_process_counts_its_cpu_from_the_attach_and_its_peak_from_all_it_showed()
    {
        var attached = new WatchedProcess(Pid, ProcessRole.External);
        attached.SetBaselines(processCpuMs: 5000, processUserMs: 4000, []);
        attached.NoteResident(60 * Megabyte, 0);
        var runtime = new RuntimeState();
        runtime.Apply(new CounterValue(Pid, "gc-heap-size", 12, "MB"));
        var reading = Process(Pid, 40 * Megabyte, Thread(1, "a", 0), Thread(2, "b", 0));

        var sample = ProcessSamples.Running(attached, reading, runtime, contention: (null, null), figures: null, cpuBefore: 5200, cpuNow: 5700, seconds: 2);

        Assert.Equal(25, sample.CpuPercent, 6);             // 500 ms in 2 s
        Assert.Equal(700, sample.CpuMs, 6);                 // since the attach at 5000 ms
        Assert.Equal(40 * Megabyte, sample.WorkingSetBytes);
        Assert.Equal(60 * Megabyte, sample.PeakWorkingSetBytes);
        Assert.Equal(12_000_000, sample.GcHeapBytes);
        Assert.Equal(2, sample.ThreadCount);
        Assert.False(sample.Exited);
    }

    [Fact]
    public void A_gone_process_keeps_what_it_last_showed_with_its_peak_raised_by_its_own_report()
    {
        var worker = new WatchedProcess(Pid, ProcessRole.Worker);
        worker.NoteResident(30 * Megabyte, 31 * Megabyte);
        worker.LastShown = new ProcessSample(Pid, "dotnet", ProcessRole.Worker, 30 * Megabyte, 31 * Megabyte, 8_000_000, 4, 50, 100, 3, false,
            "runtime events stopped: broke off");
        var usage = new WorkerUsage(Pid, CpuMs: 400, PeakWorkingSetBytes: 45 * Megabyte, UserMs: 350, SystemMs: 50);

        var gone = ProcessSamples.Gone(worker, lastReading: null, usage, runtime: null, contention: (null, null), figures: null, cpuBefore: 100, cpuNow: 400, lastCpu: 100, seconds: 1);
        var final = ProcessSamples.FinalReading(gone, usage);

        Assert.True(gone.Exited);
        Assert.Equal("dotnet", gone.Name);
        Assert.Equal(30 * Megabyte, gone.WorkingSetBytes);
        Assert.Equal(45 * Megabyte, gone.PeakWorkingSetBytes);
        Assert.Equal(30, gone.CpuPercent, 6);
        Assert.Equal(400, gone.CpuMs, 6);
        Assert.Equal((8_000_000L, 4), (gone.GcHeapBytes!.Value, gone.GcCount!.Value));
        Assert.Equal("runtime events stopped: broke off", gone.DiagnosticsStatus);
        Assert.Equal(0, gone.ThreadCount);
        Assert.True(final.Final);
        Assert.Equal((350.0, 50.0, 45 * Megabyte), (final.UserMs, final.SystemMs, final.PeakWorkingSetBytes));
    }

    [Fact]
    public void A_process_gone_before_it_was_ever_shown_is_named_and_sized_by_its_last_reading()
    {
        var worker = new WatchedProcess(Pid, ProcessRole.Worker);
        var lastReading = Process(Pid, 20 * Megabyte) with { Name = "python3", PeakWorkingSetBytes = 22 * Megabyte };

        var gone = ProcessSamples.Gone(worker, lastReading, usage: null, runtime: null, contention: (null, null), figures: null, cpuBefore: 80, cpuNow: 80, lastCpu: 80, seconds: 1);

        Assert.Equal("python3", gone.Name);
        Assert.Equal(20 * Megabyte, gone.WorkingSetBytes);
        Assert.Equal(22 * Megabyte, gone.PeakWorkingSetBytes);
        Assert.Equal(0, gone.CpuPercent);                   // killed: no report, nothing more is known
        Assert.Null(gone.GcCount);
    }

    [Fact]
    public void Without_the_os_sampler_a_process_is_what_its_runtime_said()
    {
        var runtime = new RuntimeState();
        runtime.Apply(new CounterValue(Pid, "working-set", 50, "MB"));
        runtime.OnGc(7);
        runtime.OnGc(9);

        var sample = ProcessSamples.RuntimeOnly(new WatchedProcess(Pid, ProcessRole.External), runtime, figures: null);

        Assert.Equal(50_000_000, sample.WorkingSetBytes);
        Assert.Equal(3, sample.GcCount);                    // attached: GCs 7, 8 and 9 since watching began
        Assert.Equal(0, sample.CpuPercent);
    }
}
