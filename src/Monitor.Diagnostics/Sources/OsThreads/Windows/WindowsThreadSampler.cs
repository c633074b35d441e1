using System.Diagnostics;
using System.Runtime.Versioning;
using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Per-thread counters from the system process table (NtQuerySystemInformation), which has every thread's times,
/// state and start in one call, where Process.Threads asks the system again for each property of each thread. Thread
/// names come from GetThreadDescription, cached per thread (<see cref="ThreadNameCache"/>). Windows keeps no time
/// spent waiting for a CPU per thread and does not tell voluntary switches from preemptions: those stay null. 64-bit
/// processes only (the table's layout is <see cref="SystemProcessLayout"/>).
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsThreadSampler : IThreadSampler
{
    public ThreadReader Reader => ThreadReader.Windows;

    private readonly Lock _lock = new();
    private readonly SystemProcessQuery _query = new();
    private readonly ThreadNameCache _names = new(WindowsNative.ThreadDescription);
    private readonly Func<SystemThreadEntry, string> _nameOf;
    private ThreadCounters[] _scratch = new ThreadCounters[64];
    private bool _disposed;

    public WindowsThreadSampler()
    {
        if (!Environment.Is64BitProcess) throw new PlatformNotSupportedException("The Windows thread sampler reads the 64-bit table layout only.");
        _nameOf = thread => _names.NameOf(thread.ThreadId, thread.CreateTime);
    }

    public ProcessCounters? Sample(int pid) => Sample(pid, null);

    public ProcessCounters? Sample(int pid, ProcessCounters? reuse)
    {
        if (pid <= 0) return null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _names.BeginReading();
            long start = Stopwatch.GetTimestamp();
            var table = _query.Read(out ulong address);
            long end = Stopwatch.GetTimestamp();
            return WindowsCounters.Read(table, address, pid, start + (end - start) / 2, _nameOf, ref _scratch, reuse);
        }
    }

    public void Dispose()
    {
        lock (_lock) _disposed = true;
    }
}
