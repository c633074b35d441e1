using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// A macOS thread's reading as Monitor keeps it. Tid is the 64-bit id cast to int, as OsThreadId does for the current
/// thread (EventPipe's ThreadID). StartedMs stays null: xnu gives each new thread the next value of one global 64-bit
/// counter (thread_unique_id in osfmk/kern/thread.c), so an id is never reused within a boot and needs no start time to
/// tell two threads apart. macOS does not count waiting for a CPU or context switches per thread: those stay null.
/// </summary>
public static class MacThreadCounters
{
    public static ThreadCounters Of(ulong threadId, MacThreadInfo thread) => new(
        unchecked((int)threadId),
        thread.Name,
        MacThreadInfo.StateLetter(thread.RunState),
        thread.UserNanoseconds / 1_000_000.0,
        thread.SystemNanoseconds / 1_000_000.0,
        OnCpuMs: null,
        WaitingForCpuMs: null,
        VoluntarySwitches: null,
        InvoluntarySwitches: null,
        StartedMs: null);
}
