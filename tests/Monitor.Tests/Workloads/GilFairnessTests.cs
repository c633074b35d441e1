using Monitor.Workloads;

namespace Monitor.Tests.Workloads;

/// <summary>Forced switching shares the emulated GIL fairly: K workers with equal ranges and a 5 ms switch interval
/// progress at about the same rate. Rates are compared within one run, sampled at the same moments.</summary>
[Collection(TimingSensitive.Name)]
public class GilFairnessTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Workers_sharing_the_gil_progress_within_20_percent_of_each_other(int threads)
    {
        const long length = 40_000_000_000; // more than the test lets them do
        const int switchMs = 5;
        var gil = new GlobalInterpreterLock(TimeSpan.FromMilliseconds(switchMs));
        var options = new WorkerOptions(WorkKind.Cpu, Gil: true, switchMs, WorkerOptions.DefaultLockBlock);
        var workers = Enumerable.Range(0, threads)
            .Select(i => new SumWorker(i, new SumRange(i * length, (i + 1) * length), options, gil))
            .ToArray();
        using var cancel = new CancellationTokenSource();
        var running = workers.Select(w => new Thread(() => w.Run(cancel.Token))).ToArray();
        long[] first, second;
        try
        {
            foreach (var t in running) t.Start();
            Thread.Sleep(300); // let every thread start and the lock change hands a few times
            first = workers.Select(w => w.Iterations).ToArray();
            Thread.Sleep(1_000);
            second = workers.Select(w => w.Iterations).ToArray();
        }
        finally
        {
            cancel.Cancel();
            foreach (var t in running) t.Join();
        }

        long[] done = second.Zip(first, (b, a) => b - a).ToArray();
        string shares = string.Join(", ", done);
        Assert.True(done.Min() > 0, $"a worker starved: {shares}");
        Assert.True(done.Max() <= 1.2 * done.Min(), $"iterations per worker over the same second differ by more than 20 %: {shares}");
    }
}
