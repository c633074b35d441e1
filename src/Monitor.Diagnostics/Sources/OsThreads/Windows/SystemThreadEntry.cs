namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>One SYSTEM_THREAD_INFORMATION as read from the buffer. Times are in 100 ns units; CreateTime is a
/// FILETIME (since 1601). <see cref="ContextSwitches"/> counts every switch, waits and preemptions alike.</summary>
internal readonly record struct SystemThreadEntry(
    long KernelTime,
    long UserTime,
    long CreateTime,
    uint WaitTime,
    ulong StartAddress,
    int ProcessId,
    int ThreadId,
    int Priority,
    int BasePriority,
    uint ContextSwitches,
    KThreadState State,
    uint WaitReason);
