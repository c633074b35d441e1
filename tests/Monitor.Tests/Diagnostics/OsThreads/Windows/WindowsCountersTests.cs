using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Diagnostics.Sources.OsThreads.Windows;
using Monitor.Model;
using static Monitor.Tests.Diagnostics.OsThreads.Windows.SystemProcessBufferWriter;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

public sealed class WindowsCountersTests
{
    private static ProcessCounters? Read(byte[] buffer, int pid, ProcessCounters? reuse = null, Func<SystemThreadEntry, string>? nameOf = null)
    {
        var scratch = new ThreadCounters[1];
        return WindowsCounters.Read(buffer, BaseAddress, pid, 4242, nameOf ?? (t => $"thread {t.ThreadId}"), ref scratch, reuse);
    }

    [Fact]
    public void Maps_the_worker_process_figures()
    {
        var (buffer, _) = SampleTable.Write();

        var worker = Read(buffer, 5000)!;

        Assert.Equal(5000, worker.Pid);
        Assert.Equal("Monitor.Worker", worker.Name); // ".EXE" goes whatever its case
        Assert.Equal(4242, worker.TimestampTicks);
        Assert.Equal(48L * 1024 * 1024, worker.WorkingSetBytes);
        Assert.Equal(64L * 1024 * 1024, worker.PeakWorkingSetBytes);
        Assert.Equal(9876.5432, worker.UserMs, 9);   // 98 765 432 × 100 ns
        Assert.Equal(123.4567, worker.SystemMs, 9);  // 1 234 567 × 100 ns
        Assert.False(worker.Final);
    }

    [Fact]
    public void Maps_each_thread_and_leaves_the_terminated_one_out()
    {
        var (buffer, _) = SampleTable.Write();

        var threads = Read(buffer, 5000)!.Threads;

        // States 0-9 in tid order; state 4 (Terminated, tid 5020) is not there.
        Assert.Equal([5004, 5008, 5012, 5016, 5024, 5028, 5032, 5036, 5040], threads.Select(t => t.Tid));
        Assert.Equal("?RRR" + "SSR??", new string([.. threads.Select(t => t.State)]));
        var waiting = threads.Single(t => t.Tid == 5024); // state 5
        Assert.Equal("thread 5024", waiting.Name);
        Assert.Equal(123.4572, waiting.UserMs, 9);  // 1 234 567 + 5 = 1 234 572 × 100 ns
        Assert.Equal(0.5, waiting.SystemMs, 9);     // 5 000 × 100 ns
        // 2 s after MonitorStarted, plus 1234 + 500 × 100 ns.
        double startedMs = (SampleTable.MonitorStarted.AddSeconds(2) - DateTime.UnixEpoch).TotalMilliseconds + 0.1734;
        Assert.Equal(startedMs, waiting.StartedMs!.Value, 6);
        Assert.All(threads, NotCounted.SchedulerFigures);
        // Every switch, as the table counts them (1000 + the thread's state in the fixture): not passed off as either kind.
        Assert.Equal(1005, waiting.ContextSwitches);
    }

    [Fact]
    public void Start_times_tell_a_reused_tid_apart()
    {
        var before = new TableProcess(9000, 1200, "w.exe", SampleTable.WorkerCreated, [new TableThread(9004, 0, 0, SampleTable.WorkerCreated + 10_000, State: 5)]);
        var after = before with { Threads = [new TableThread(9004, 0, 0, SampleTable.WorkerCreated + 20_000, State: 5)] };

        var first = Read(Write(before).Buffer, 9000)!.Threads.Single();
        var second = Read(Write(after).Buffer, 9000)!.Threads.Single();

        Assert.Equal(first.Tid, second.Tid);
        Assert.Equal(1.0, second.StartedMs!.Value - first.StartedMs!.Value, 6); // 10 000 × 100 ns
    }

    [Fact]
    public void Names_come_from_the_caller_by_tid_and_create_time()
    {
        var (buffer, _) = SampleTable.Write();
        var asked = new List<(int, long)>();

        var python = Read(buffer, 7344, nameOf: t => { asked.Add((t.ThreadId, t.CreateTime)); return t.ThreadId == 7352 ? "MainThread" : ""; })!;

        Assert.Equal(["", "MainThread", ""], python.Threads.Select(t => t.Name));
        Assert.Equal([(7348, SampleTable.PythonCreated + 1), (7352, SampleTable.PythonCreated + 2), (7356, SampleTable.PythonCreated + 3)], asked);
        Assert.Equal("python", python.Name);
    }

    [Fact]
    public void A_pid_the_table_does_not_hold_reads_as_gone()
    {
        var (buffer, _) = SampleTable.Write();

        Assert.Null(Read(buffer, 4));
        Assert.Null(Read(buffer, 0));
        Assert.Null(Read(buffer, -1));
    }

    [Fact]
    public void A_reading_handed_back_is_refilled_in_place()
    {
        var (first, _) = SampleTable.Write();
        var earlier = Read(first, 7344)!;
        var grown = SampleTable.Python with
        {
            UserTime = 10_000_000,
            Threads = [.. SampleTable.Python.Threads, new TableThread(7360, 1, 2, SampleTable.PythonCreated + 4, State: 2)],
        };
        var (second, _) = Write(SampleTable.Monitor, SampleTable.Worker, grown);

        var again = Read(second, 7344, earlier);

        Assert.Same(earlier, again);
        Assert.Equal(1000.0, again!.UserMs, 9);
        Assert.Equal([7348, 7352, 7356, 7360], again.Threads.Select(t => t.Tid));
    }

    [Fact]
    public void A_reading_of_another_pid_is_not_reused()
    {
        var (buffer, _) = SampleTable.Write();
        var monitor = Read(buffer, 1200)!;

        var python = Read(buffer, 7344, reuse: monitor)!;

        Assert.NotSame(monitor, python);
        Assert.Equal(1200, monitor.Pid);
    }

    // KTHREAD_STATE: 0 Initialized, 1 Ready, 2 Running, 3 Standby, 4 Terminated, 5 Waiting, 6 Transition,
    // 7 DeferredReady, 8 GateWaitObsolete, 9 WaitingForProcessInSwap.
    [Theory]
    [InlineData(0u, '?')]
    [InlineData(1u, 'R')]
    [InlineData(2u, 'R')]
    [InlineData(3u, 'R')]
    [InlineData(4u, null)]
    [InlineData(5u, 'S')]
    [InlineData(6u, 'S')]
    [InlineData(7u, 'R')]
    [InlineData(8u, '?')]
    [InlineData(9u, '?')]
    [InlineData(42u, '?')]
    public void State_letters(uint state, char? letter) => Assert.Equal(letter, WindowsCounters.StateLetter((KThreadState)state));

    [Fact]
    public void Filetimes_become_unix_milliseconds()
    {
        var instant = new DateTime(2001, 9, 9, 1, 46, 40, DateTimeKind.Utc); // 1 000 000 000 s after 1970

        Assert.Equal(1_000_000_000_000.0, WindowsCounters.UnixMs(instant.ToFileTimeUtc()));
        Assert.Equal(0.0, WindowsCounters.UnixMs(DateTime.UnixEpoch.ToFileTimeUtc()));
    }
}
