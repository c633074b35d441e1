using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Turns a process's entry of the system process table into Monitor's counters. Pure (thread names come from the
/// caller), so the whole mapping is tested anywhere from a buffer laid out as Windows lays it out.
/// </summary>
internal static class WindowsCounters
{
    /// <summary>1970-01-01 as a FILETIME (100 ns units since 1601-01-01).</summary>
    public const long UnixEpochAsFileTime = 116_444_736_000_000_000;

    /// <summary>A duration in 100 ns units, in milliseconds.</summary>
    public static double Ms(long hundredNs) => hundredNs / 10_000.0;

    /// <summary>A FILETIME as milliseconds since the Unix epoch.</summary>
    public static double UnixMs(long fileTime) => (fileTime - UnixEpochAsFileTime) / 10_000.0;

    /// <summary>The letters of Linux's ps: R running or ready to run, S waiting; null for a thread that has ended
    /// (left out of a reading), '?' for the rest (being created, swapped out).</summary>
    public static char? StateLetter(KThreadState state) => state switch
    {
        KThreadState.Running or KThreadState.Ready or KThreadState.Standby or KThreadState.DeferredReady => 'R',
        KThreadState.Waiting or KThreadState.Transition => 'S',
        KThreadState.Terminated => null,
        _ => '?',
    };

    /// <summary>"app.exe" → "app", as Process.ProcessName names it.</summary>
    public static string ProcessName(string imageName) =>
        imageName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? imageName[..^4] : imageName;

    /// <summary>A thread's counters; null for an ended thread. Windows keeps no per-thread time spent ready to run,
    /// and its one context switch count does not tell waits from preemptions, so those stay null.</summary>
    public static ThreadCounters? Thread(in SystemThreadEntry thread, string name) =>
        StateLetter(thread.State) is char state
            ? new ThreadCounters(
                thread.ThreadId,
                name,
                state,
                Ms(thread.UserTime),
                Ms(thread.KernelTime),
                OnCpuMs: null,
                WaitingForCpuMs: null,
                VoluntarySwitches: null,
                InvoluntarySwitches: null,
                StartedMs: UnixMs(thread.CreateTime),
                ContextSwitches: thread.ContextSwitches)
            : null;

    /// <summary>Process <paramref name="pid"/>'s reading from a filled table, or null when the table has no such
    /// process. <paramref name="reuse"/> (an earlier reading of the same pid, built here) is refilled in place.</summary>
    public static ProcessCounters? Read(
        ReadOnlySpan<byte> buffer,
        ulong bufferAddress,
        int pid,
        long timestampTicks,
        Func<SystemThreadEntry, string> nameOf,
        ref ThreadCounters[] scratch,
        ProcessCounters? reuse = null)
    {
        if (pid <= 0 || !SystemProcessTable.TryFind(buffer, pid, out var entry)) return null;
        int available = SystemProcessTable.ThreadCount(buffer, entry);
        if (scratch.Length < available) scratch = new ThreadCounters[Math.Max(available, scratch.Length * 2)];
        int count = 0;
        for (int i = 0; i < available; i++)
        {
            var thread = SystemProcessTable.Thread(buffer, entry, i);
            if (thread.State == KThreadState.Terminated) continue;
            if (Thread(thread, nameOf(thread)) is { } counters) scratch[count++] = counters;
        }
        var threads = scratch.AsSpan(0, count);
        string name = ProcessName(SystemProcessTable.ImageName(buffer, bufferAddress, entry));
        if (reuse is { Threads: ThreadBuffer kept } && reuse.Pid == pid)
        {
            kept.Set(threads);
            if (reuse.Name != name) reuse.Name = name;
            reuse.TimestampTicks = timestampTicks;
            reuse.WorkingSetBytes = entry.WorkingSetSize;
            reuse.PeakWorkingSetBytes = entry.PeakWorkingSetSize;
            reuse.UserMs = Ms(entry.UserTime);
            reuse.SystemMs = Ms(entry.KernelTime);
            return reuse;
        }
        return new ProcessCounters(
            pid,
            name,
            timestampTicks,
            entry.WorkingSetSize,
            entry.PeakWorkingSetSize,
            Ms(entry.UserTime),
            Ms(entry.KernelTime),
            new ThreadBuffer(threads));
    }
}
