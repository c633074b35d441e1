using System.Diagnostics;
using System.Globalization;
using System.IO.Enumeration;
using System.Runtime.Versioning;
using Monitor.Diagnostics.Sources.OsThreads.Linux;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>
/// Reads /proc/&lt;pid&gt;/task/&lt;tid&gt;/{stat,schedstat,status} for every thread and /proc/&lt;pid&gt;/{stat,status}
/// for the process. Made to be called several times a second: files are read into one reused buffer and parsed as
/// bytes, thread names are cached, and in steady state a reading allocates little more than its result.
/// Thread names come from the comm field of stat, which is the content of the comm file, so they are always current
/// without a fourth file per thread.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxProcThreadSampler : IThreadSampler
{
    // Large enough for any status file (~1.5 KB); the stat line is ~300 bytes.
    private const int BufferSize = 4096;

    private readonly Lock _lock = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly ThreadNameCache _names = new();
    private readonly Dictionary<int, string> _taskDirectories = new();
    private readonly List<int> _tids = new();
    private ThreadCounters[] _threads = new ThreadCounters[64];
    private readonly double _msPerTick;
    private readonly bool _hasSchedstat;

    public LinuxProcThreadSampler()
    {
        _msPerTick = 1000.0 / NativeFiles.ClockTicks();
        // Kernels built without CONFIG_SCHED_INFO have no schedstat files at all; then a missing one is no news.
        _hasSchedstat = File.Exists("/proc/self/schedstat");
    }

    /// <summary>The kernel's clock ticks per second, in which stat counts utime and stime.</summary>
    public double MsPerTick => _msPerTick;

    public ProcessCounters? Sample(int pid)
    {
        if (pid <= 0) return null;
        lock (_lock) return SampleLocked(pid);
    }

    private ProcessCounters? SampleLocked(int pid)
    {
        Span<byte> path = stackalloc byte[24];
        "/proc/"u8.CopyTo(path);
        int length = 6 + ProcText.WriteNumber(path[6..], pid);
        path[length] = 0;
        int dir = NativeFiles.Open(path[..(length + 1)]);
        if (dir < 0) return null;
        try
        {
            long start = Stopwatch.GetTimestamp();
            _names.NextRound();
            if (!ListTasks(pid)) return null;

            int count = 0;
            bool anyAlive = false;
            foreach (int tid in _tids)
            {
                if (!TryReadThread(dir, pid, tid, out var thread)) continue;
                if (count == _threads.Length) Array.Resize(ref _threads, count * 2);
                _threads[count++] = thread;
                anyAlive |= thread.State is not ('Z' or 'X');
            }

            // The process last, so that its totals (which include ended threads) are never behind its threads'.
            int read = NativeFiles.ReadAt(dir, "stat\0"u8, _buffer);
            if (read <= 0 || !ProcText.TryParseStat(_buffer.AsSpan(0, read), out var stat)) return null;
            // A zombie has ended and only waits to be reaped; its main thread alone shows 'Z' while others still run.
            if (stat.State is 'Z' or 'X' && !anyAlive) return null;
            string name = _names.Get(pid, pid, _buffer.AsSpan(0, read)[stat.Name]);
            read = NativeFiles.ReadAt(dir, "status\0"u8, _buffer);
            if (read <= 0) return null;
            var status = _buffer.AsSpan(0, read);
            long rssKb = ProcText.StatusValue(status, "VmRSS:"u8) ?? 0;
            long peakKb = ProcText.StatusValue(status, "VmHWM:"u8) ?? 0;

            long end = Stopwatch.GetTimestamp();
            return new ProcessCounters(
                pid,
                name,
                start + (end - start) / 2,
                rssKb * 1024,
                peakKb * 1024,
                stat.UserTicks * _msPerTick,
                stat.SystemTicks * _msPerTick,
                _threads.AsSpan(0, count).ToArray());
        }
        finally
        {
            NativeFiles.Close(dir);
        }
    }

    /// <summary>Fills <see cref="_tids"/>; false when the process has gone.</summary>
    private bool ListTasks(int pid)
    {
        _tids.Clear();
        if (!_taskDirectories.TryGetValue(pid, out var directory))
        {
            if (_taskDirectories.Count > 1024) _taskDirectories.Clear();
            directory = _taskDirectories[pid] = $"/proc/{pid}/task";
        }
        try
        {
            var tids = new FileSystemEnumerable<int>(directory, static (ref FileSystemEntry e) =>
                int.TryParse(e.FileName, NumberStyles.None, CultureInfo.InvariantCulture, out int tid) ? tid : 0);
            foreach (int tid in tids) if (tid > 0) _tids.Add(tid);
            return true;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or IOException)
        {
            return false;
        }
    }

    private bool TryReadThread(int dir, int pid, int tid, out ThreadCounters thread)
    {
        thread = default;
        Span<byte> path = stackalloc byte[40];
        "task/"u8.CopyTo(path);
        int stem = 5 + ProcText.WriteNumber(path[5..], tid);
        path[stem++] = (byte)'/';

        "stat\0"u8.CopyTo(path[stem..]);
        int read = NativeFiles.ReadAt(dir, path, _buffer);
        if (read <= 0 || !ProcText.TryParseStat(_buffer.AsSpan(0, read), out var stat)) return false;
        string name = _names.Get(pid, tid, _buffer.AsSpan(0, read)[stat.Name]);

        double? onCpuMs = null, waitingMs = null;
        if (_hasSchedstat)
        {
            "schedstat\0"u8.CopyTo(path[stem..]);
            read = NativeFiles.ReadAt(dir, path, _buffer);
            if (read <= 0) return false; // ended since its stat was read
            if (ProcText.TryParseSchedstat(_buffer.AsSpan(0, read), out long onCpuNs, out long waitingNs))
            {
                onCpuMs = onCpuNs / 1e6;
                waitingMs = waitingNs / 1e6;
            }
        }

        "status\0"u8.CopyTo(path[stem..]);
        read = NativeFiles.ReadAt(dir, path, _buffer);
        if (read <= 0) return false;
        var status = _buffer.AsSpan(0, read);
        long? voluntary = ProcText.StatusValue(status, "voluntary_ctxt_switches:"u8);
        long? involuntary = ProcText.StatusValue(status, "nonvoluntary_ctxt_switches:"u8);

        thread = new ThreadCounters(
            tid,
            name,
            stat.State,
            stat.UserTicks * _msPerTick,
            stat.SystemTicks * _msPerTick,
            onCpuMs,
            waitingMs,
            voluntary,
            involuntary,
            stat.StartTicks * _msPerTick);
        return true;
    }
}
