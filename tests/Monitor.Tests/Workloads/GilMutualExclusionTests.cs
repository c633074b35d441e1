using System.Diagnostics;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>At most one thread holds the emulated GIL, through Acquire, forced Switch and Release: a second holder
/// would be seen inside the critical section, would lose unprotected updates, or would compute while another
/// holder keeps the lock.</summary>
public class GilMutualExclusionTests
{
    private int _inside;
    private int _maxInside;
    private long _unprotected;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lock_protocol_never_admits_two_holders(int threads)
    {
        const int rounds = 400;
        const int incrementsPerRound = 100_000;
        var gil = new GlobalInterpreterLock(TimeSpan.FromMilliseconds(1));

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            gil.Acquire();
            try
            {
                for (int round = 0; round < rounds; round++)
                {
                    int now = Interlocked.Increment(ref _inside);
                    InterlockedMax(ref _maxInside, now);
                    // A read-modify-write that is not atomic: two holders at once lose updates.
                    for (int i = 0; i < incrementsPerRound; i++)
                    {
                        Volatile.Write(ref _unprotected, Volatile.Read(ref _unprotected) + 1);
                    }
                    Interlocked.Decrement(ref _inside);

                    if (gil.SwitchRequested) gil.Switch();
                    if (round % 50 == 49)
                    {
                        // The path around blocking I/O: release, let others in, take it again.
                        gil.Release();
                        Thread.Yield();
                        gil.Acquire();
                    }
                }
            }
            finally
            {
                gil.Release();
            }
        })).ToArray();
        foreach (var t in workers) t.Start();
        foreach (var t in workers) t.Join();

        Assert.Equal(1, _maxInside);
        Assert.Equal((long)threads * rounds * incrementsPerRound, _unprotected);
        Assert.True(gil.Acquisitions > threads, $"the lock never changed hands ({gil.Acquisitions} acquisitions)");
    }

    [Fact]
    public void SumWorkers_in_gil_mode_never_compute_while_another_holds_the_lock()
    {
        const int threads = 3;
        const long length = 40_000_000_000; // far more than a second's work: the test cancels them
        var gil = new GlobalInterpreterLock(TimeSpan.FromMilliseconds(WorkerOptions.DefaultSwitchMs));
        var options = new WorkerOptions(WorkKind.Cpu, Gil: true, WorkerOptions.DefaultSwitchMs, WorkerOptions.DefaultLockBlock);
        var workers = new SumWorker[threads];
        int checks = 0;
        var violations = new List<string>();

        void WhileHolding(SumWorker holder)
        {
            // The last report comes after the worker has released the lock; only the ones under the lock count.
            if (!gil.IsHeldByCurrentThread) return;
            Interlocked.Increment(ref checks);
            long[] before = workers.Select(w => w.Iterations).ToArray();
            var spin = Stopwatch.StartNew();
            while (spin.Elapsed < TimeSpan.FromMilliseconds(3)) { }
            long[] after = workers.Select(w => w.Iterations).ToArray();
            for (int i = 0; i < threads; i++)
            {
                if (workers[i] != holder && after[i] != before[i])
                {
                    lock (violations) violations.Add($"worker {i} advanced {after[i] - before[i]} while worker {holder.Index} held the lock");
                }
            }
        }

        for (int i = 0; i < threads; i++)
        {
            workers[i] = new SumWorker(i, new SumRange(i * length, (i + 1) * length), options, gil) { ProgressChanged = WhileHolding };
        }
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var running = workers.Select(w => new Thread(() => w.Run(cancel.Token))).ToArray();
        foreach (var t in running) t.Start();
        foreach (var t in running) t.Join();

        Assert.Empty(violations);
        Assert.True(checks >= 3, $"only {checks} progress reports came while holding the lock: nothing was checked");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }
}
