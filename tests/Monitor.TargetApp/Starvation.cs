using System.Runtime.CompilerServices;

namespace Monitor.TargetApp;

/// <summary>Sync over async: a steady stream of work items that each block a pool thread on a task that needs
/// another pool thread to finish. The queue grows and the pool injects threads (starvation adjustments).</summary>
public sealed class Starvation : IScenario
{
    public static long Done;

    public Task StartAsync()
    {
        new Thread(Feed) { Name = "feeder", IsBackground = true }.Start();
        return Task.CompletedTask;
    }

    private static void Feed()
    {
        while (true)
        {
            for (int i = 0; i < 8; i++) ThreadPool.QueueUserWorkItem(_ => BlockOnAsync());
            Thread.Sleep(100);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BlockOnAsync()
    {
        Task.Run(async () => { await Task.Delay(50); Interlocked.Increment(ref Done); }).Wait();
    }
}
