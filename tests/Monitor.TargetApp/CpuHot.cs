using System.Runtime.CompilerServices;

namespace Monitor.TargetApp;

/// <summary>One thread, "hot-worker", spends nearly all its time in <see cref="CountPrimes"/>; one thread,
/// "idle-sleeper", sleeps. A live profiler must name CountPrimes as the hot method of hot-worker.</summary>
public sealed class CpuHot : IScenario
{
    public static long Found;

    public Task StartAsync()
    {
        new Thread(Spin) { Name = "hot-worker", IsBackground = true }.Start();
        new Thread(() => { while (true) Thread.Sleep(1000); }) { Name = "idle-sleeper", IsBackground = true }.Start();
        return Task.CompletedTask;
    }

    private static void Spin()
    {
        while (true) Found += CountPrimes(200_000);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CountPrimes(int below)
    {
        int count = 0;
        for (int n = 2; n < below; n++)
        {
            bool prime = true;
            for (int d = 2; (long)d * d <= n; d++)
            {
                if (n % d == 0) { prime = false; break; }
            }
            if (prime) count++;
        }
        return count;
    }
}
