using Monitor.Workloads;
using Monitor.Model;

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
        // Five windows of 400 ms (~80 turns of 5 ms each); the median window discounts one in which the machine,
        // shared with other work, stalled a holder mid-turn.
        var samples = new List<long[]>();
        try
        {
            foreach (var t in running) t.Start();
            Thread.Sleep(300); // let every thread start and the lock change hands a few times
            samples.Add(workers.Select(w => w.Iterations).ToArray());
            for (int window = 0; window < 5; window++)
            {
                Thread.Sleep(400);
                samples.Add(workers.Select(w => w.Iterations).ToArray());
            }
        }
        finally
        {
            cancel.Cancel();
            foreach (var t in running) t.Join();
        }

        var windows = samples.Zip(samples.Skip(1), (a, b) => b.Zip(a, (after, before) => after - before).ToArray()).ToArray();
        string shares = string.Join("; ", windows.Select(w => string.Join(", ", w)));
        Assert.All(windows, w => Assert.True(w.Min() > 0, $"a worker starved for a whole window: {shares}"));
        double medianRatio = windows.Select(w => (double)w.Max() / w.Min()).Order().ElementAt(windows.Length / 2);
        Assert.True(medianRatio <= 1.2, $"iterations per worker in the same windows differ by more than 20 % (median ratio {medianRatio:F2}): {shares}");
    }
}
