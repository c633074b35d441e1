namespace Monitor.Cli.Hosting;

/// <summary>
/// Runtime settings for Monitor's own process, which only watches: it wakes a few dozen times a second for a few
/// microseconds each. The workers are this same program, so nothing here may reach them: these are set after the
/// worker verb has been dispatched, and only for this process.
/// </summary>
public static class ObserverRuntimeSettings
{
    public const string SemaphoreSpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    /// <summary>Must run before the thread pool starts its first worker, which reads the setting once.</summary>
    public static void Apply()
    {
        // A pool thread that runs out of work spins (sched_yield) ~70 times before it sleeps. Monitor's work items come
        // one at a time (a socket read, a worker's line, a tick), so each one paid for a spin: ~1,200 sched_yield a
        // second while watching two workers (strace -c -f), CPU taken from the workers being measured.
        if (Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is null)
        {
            AppContext.SetData(SemaphoreSpinLimit, 0);
        }
    }
}
