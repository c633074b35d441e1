using Monitor.Model;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>What a reader without the kernel's scheduler statistics (Windows, macOS, portable) must leave null rather
/// than read as 0: on-CPU time, time waiting for a CPU and both kinds of context switch.</summary>
internal static class NotCounted
{
    public static void SchedulerFigures(ThreadCounters t)
    {
        Assert.Null(t.OnCpuMs);
        Assert.Null(t.WaitingForCpuMs);
        Assert.Null(t.VoluntarySwitches);
        Assert.Null(t.InvoluntarySwitches);
    }
}
