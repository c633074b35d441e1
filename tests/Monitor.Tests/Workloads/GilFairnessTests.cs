using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>
/// Forced switching shares the emulated GIL fairly: with K threads wanting it, the turns go round robin, so each gets
/// the lock as often as the others. Counted in turns, not in iterations per wall-clock window: how much a holder
/// computes in its 5 ms turn is how much CPU the OS gave it meanwhile, which on a shared machine is the other work's
/// doing (iterations per window differed by more than 20 % under a load of 25 on two cores), not the lock's.
/// </summary>
public class GilFairnessTests
{
    private const int SwitchMs = 5;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Threads_sharing_the_gil_take_it_in_turns(int threads)
    {
        var gil = new GlobalInterpreterLock(TimeSpan.FromMilliseconds(SwitchMs));
        // Written by each thread only while it holds the lock, so read consistently by whoever holds it next.
        var turns = new long[threads];
        using var cancel = new CancellationTokenSource();
        var running = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            // What a worker does with the lock: compute, and switch when the interval is up and someone waits.
            gil.Acquire();
            turns[i]++;
            while (!cancel.IsCancellationRequested)
            {
                if (!gil.SwitchRequested) continue;
                gil.Switch();
                turns[i]++;
            }
            gil.Release();
        })).ToArray();
        try
        {
            foreach (var t in running) t.Start();
            // From when every thread is in the rotation, K x 30 turns, however long the machine takes to give them.
            var from = TurnsWhen(gil, turns, t => t.All(n => n > 0));
            var to = TurnsWhen(gil, turns, t => t.Sum() - from.Sum() >= 30L * threads);

            var taken = to.Zip(from, (after, before) => after - before).ToArray();
            // Round robin: between two turns of one thread each other waiting thread has one; the test's two reads
            // (turns of the lock too, taken without waiting for a round) can put one thread a turn further ahead.
            Assert.True(taken.Max() - taken.Min() <= 2, $"turns per thread: {string.Join(", ", taken)}");
        }
        finally
        {
            cancel.Cancel();
            foreach (var t in running) t.Join();
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_kernel_worker_sharing_the_gil_progresses(int threads)
    {
        const long length = 40_000_000_000; // more than the test lets them do
        var gil = new GlobalInterpreterLock(TimeSpan.FromMilliseconds(SwitchMs));
        var options = new WorkerOptions(WorkKind.Cpu, Gil: true, SwitchMs, WorkerOptions.DefaultLockBlock);
        var workers = Enumerable.Range(0, threads)
            .Select(i => new SumWorker(i, new SumRange(i * length, (i + 1) * length), options, gil))
            .ToArray();
        using var cancel = new CancellationTokenSource();
        var running = workers.Select(w => new Thread(() => w.Run(cancel.Token))).ToArray();
        long[] first;
        try
        {
            foreach (var t in running) t.Start();
            // Every worker has had the lock once, and then every one of them again: the kernel switches.
            first = Until(() => workers.Select(w => w.Iterations).ToArray(), i => i.All(n => n > 0));
            Until(() => workers.Select(w => w.Iterations).ToArray(), i => i.Zip(first, (now, then) => now > then).All(b => b));
        }
        finally
        {
            cancel.Cancel();
            foreach (var t in running) t.Join();
        }
    }

    /// <summary>The turns counted so far once <paramref name="done"/> says so: watched without the lock (a read
    /// under it is a turn, which would take the place of a thread's), then read once under it, all at one moment.</summary>
    private static long[] TurnsWhen(GlobalInterpreterLock gil, long[] turns, Func<long[], bool> done)
    {
        Until(() => turns.Select((_, i) => Volatile.Read(ref turns[i])).ToArray(), done);
        gil.Acquire();
        try
        {
            return turns.ToArray();
        }
        finally
        {
            gil.Release();
        }
    }

    /// <summary>Reads until <paramref name="done"/>; a minute is far beyond any machine, only so a broken lock fails
    /// rather than hangs.</summary>
    private static T Until<T>(Func<T> read, Func<T, bool> done)
    {
        var give = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            Assert.True(give.Elapsed < TimeSpan.FromMinutes(1), "the threads did not get there in a minute");
            Thread.Sleep(10);
        }
    }
}
