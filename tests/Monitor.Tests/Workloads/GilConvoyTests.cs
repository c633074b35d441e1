using System.Numerics;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>--switch-ms 0 (the lock taken around every block of iterations) still adds every integer exactly once,
/// whether or not the block size divides the ranges.</summary>
public class GilConvoyTests
{
    [Theory]
    [InlineData(2, 2_000_000L, WorkerOptions.DefaultLockBlock)]
    [InlineData(3, 3_000_017L, 777L)]
    [InlineData(3, 2L, WorkerOptions.DefaultLockBlock)]
    [InlineData(2, 100_001L, 1L)]
    public void Convoy_mode_gives_the_exact_sum(int threads, long n, long lockBlock)
    {
        var gil = new GlobalInterpreterLock(TimeSpan.Zero);
        var options = new WorkerOptions(WorkKind.Cpu, Gil: true, SwitchMs: 0, lockBlock);
        var ranges = Partition.Split(0, n, threads);
        var workers = ranges.Select((r, i) => new SumWorker(i, r, options, gil)).ToArray();
        var running = workers.Select(w => new Thread(() => w.Run())).ToArray();
        foreach (var t in running) t.Start();
        foreach (var t in running) t.Join();

        Int128 total = Int128.Zero;
        foreach (var w in workers) total += w.Total;
        Assert.Equal(SumKernel.Expected(n), total);
        Assert.All(workers, w => Assert.Equal(w.Range.Length, w.Iterations));
        Assert.All(workers, w => Assert.Equal(((BigInteger)w.Range.Start + w.Range.End - 1) * w.Range.Length / 2, (BigInteger)w.Total));
        Assert.False(gil.IsHeldByCurrentThread);
        Assert.True(gil.Acquisitions >= n / lockBlock, $"{gil.Acquisitions} acquisitions for {n} iterations in blocks of {lockBlock}");
    }
}
