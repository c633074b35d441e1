namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>The scheduler's state of a thread (KTHREAD_STATE), as SYSTEM_THREAD_INFORMATION.ThreadState gives it.</summary>
internal enum KThreadState : uint
{
    Initialized = 0,
    Ready = 1,
    Running = 2,
    Standby = 3,
    Terminated = 4,
    Waiting = 5,
    Transition = 6,
    DeferredReady = 7,
    GateWaitObsolete = 8,
    WaitingForProcessInSwap = 9,
}
