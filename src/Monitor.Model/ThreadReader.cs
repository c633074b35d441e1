namespace Monitor.Model;

/// <summary>
/// Where per-thread figures come from: each operating system's own accounting, read the way that system allows, or the
/// portable .NET view (<c>Process.Threads</c>) that every system has. What each one can count is in docs/platforms.md;
/// a figure a reader cannot count is null in the snapshot and "n/a" on screen.
/// </summary>
public enum ThreadReader
{
    /// <summary>Linux's /proc: names, user/system time, run-queue wait, voluntary and involuntary switches.</summary>
    Proc,

    /// <summary>Windows's NtQuerySystemInformation: names (GetThreadDescription), user/kernel time, state.</summary>
    Windows,

    /// <summary>macOS's proc_pidinfo: names, user/system time, run state.</summary>
    MacOS,

    /// <summary>.NET's Process.Threads: user/system time and state, no names, no waiting, no switches.</summary>
    Portable,
}
