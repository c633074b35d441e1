using System.Diagnostics;
using System.Runtime.Versioning;
using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.MacOS;

/// <summary>
/// Per-thread CPU on macOS from libproc: the threads' 64-bit ids (PROC_PIDLISTTHREADIDS), each thread's
/// proc_threadinfo (PROC_PIDTHREADID64INFO: times, run state, name), then the process's proc_taskinfo, name and peak
/// footprint. Not Process.Threads: on macOS it scales the times wrongly and gives pthread handles as ids
/// (dotnet/runtime#63535, #91958), which match nothing EventPipe reports.
/// </summary>
[SupportedOSPlatform("macos")]
public sealed class MacThreadSampler : IThreadSampler
{
    public ThreadReader Reader => ThreadReader.MacOS;

    private readonly Lock _lock = new();
    private readonly MachTimebase _timebase = MachClock.Timebase();
    private readonly byte[] _info = new byte[Math.Max(MacThreadInfo.Size, RusageInfo.Size)];
    private readonly byte[] _name = new byte[256];
    private readonly List<ulong> _ids = new();
    private byte[] _idBuffer = new byte[256 * ThreadIdList.EntrySize];
    private ThreadCounters[] _threads = new ThreadCounters[64];

    public ProcessCounters? Sample(int pid) => Sample(pid, null);

    public ProcessCounters? Sample(int pid, ProcessCounters? reuse)
    {
        if (pid <= 0) return null;
        lock (_lock)
        {
            long start = Stopwatch.GetTimestamp();
            if (!ListThreads(pid)) return null;
            int count = 0;
            foreach (ulong id in _ids)
            {
                // A thread that ended since the listing fills nothing: left out.
                int filled = LibProc.PidInfo(pid, LibProc.ThreadId64Info, id, _info.AsSpan(0, MacThreadInfo.Size));
                if (MacThreadInfo.Parse(_info.AsSpan(0, Math.Max(filled, 0))) is not { } thread) continue;
                if (count == _threads.Length) Array.Resize(ref _threads, count * 2);
                _threads[count++] = MacThreadCounters.Of(id, thread);
            }

            // The process last, so that its totals (which include ended threads) are never behind its threads'.
            int read = LibProc.PidInfo(pid, LibProc.TaskInfo, 0, _info.AsSpan(0, MacTaskInfo.Size));
            if (MacTaskInfo.Parse(_info.AsSpan(0, Math.Max(read, 0)), _timebase) is not { } task) return null;
            string name = Name(pid);
            // The peak footprint is macOS's peak memory; never below the resident size beside it, which it need not
            // include (shared pages).
            long peak = LibProc.ResourceUsage(pid, RusageInfo.Version4, _info.AsSpan(0, RusageInfo.Size)) == 0
                && RusageInfo.PeakFootprint(_info.AsSpan(0, RusageInfo.Size)) is { } footprint
                ? Math.Max(footprint, task.ResidentBytes)
                : task.ResidentBytes;
            long end = Stopwatch.GetTimestamp();

            if (reuse is { Threads: ThreadBuffer threads } && reuse.Pid == pid)
            {
                threads.Set(_threads.AsSpan(0, count));
                reuse.Name = name;
                reuse.TimestampTicks = start + (end - start) / 2;
                reuse.WorkingSetBytes = task.ResidentBytes;
                reuse.PeakWorkingSetBytes = peak;
                reuse.UserMs = task.UserMs;
                reuse.SystemMs = task.SystemMs;
                return reuse;
            }
            return new ProcessCounters(
                pid, name, start + (end - start) / 2, task.ResidentBytes, peak, task.UserMs, task.SystemMs,
                new ThreadBuffer(_threads.AsSpan(0, count)));
        }
    }

    /// <summary>Fills <see cref="_ids"/>; false when the process has gone. A full buffer may have cut the list
    /// short, so it grows until the list fits with room to spare.</summary>
    private bool ListThreads(int pid)
    {
        while (true)
        {
            _ids.Clear();
            int filled = LibProc.PidInfo(pid, LibProc.ListThreadIds, 0, _idBuffer);
            if (filled <= 0) return false;
            if (filled < _idBuffer.Length)
            {
                ThreadIdList.Parse(_idBuffer, filled, _ids);
                return true;
            }
            _idBuffer = new byte[_idBuffer.Length * 2];
        }
    }

    private string Name(int pid)
    {
        int length = LibProc.Name(pid, _name);
        return length > 0 ? MacThreadInfo.NulTerminated(_name.AsSpan(0, Math.Min(length, _name.Length))) : string.Empty;
    }

    public void Dispose()
    {
        // Nothing is kept open between readings.
    }
}
