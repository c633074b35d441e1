using Monitor.Workloads.Linux;
using System.Diagnostics;
using System.Globalization;
using System.IO.Enumeration;
using System.Runtime.Versioning;
using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>
/// Reads /proc/&lt;pid&gt;/task/&lt;tid&gt;/{stat,schedstat,status} for every thread and /proc/&lt;pid&gt;/{stat,status}
/// for the process. Made to be called several times a second: the files stay open between samples and are re-read
/// into one buffer, parsed as bytes, and names are cached, so in steady state a reading costs three reads per thread
/// and allocates little more than its result. Thread names come from the comm field of stat (the content of the
/// comm file), so they are always current without a fourth file per thread. Dispose it to close the files.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxProcThreadSampler : IThreadSampler, IDisposable
{
    public ThreadReader Reader => ThreadReader.Proc;

    // Large enough for any status file (~1.5 KB); a stat line is ~300 bytes.
    private const int BufferSize = 4096;
    // Processes and threads not sampled for this many samples have their files closed.
    private const int ForgetAfter = 256;

    private readonly Lock _lock = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly Dictionary<int, ProcessFiles> _processes = new();
    private readonly List<int> _tids = new();
    private ThreadCounters[] _threads = new ThreadCounters[64];
    private readonly double _msPerTick;
    private readonly bool _hasSchedstat;
    private readonly int _descriptorBudget;
    private int _openDescriptors;
    private long _round;
    private bool _disposed;

    /// <param name="descriptorBudget">How many files it may keep open; by default a quarter of the process's limit
    /// (at most 3072, three per thread). Past it, files are opened for each reading.</param>
    public LinuxProcThreadSampler(int? descriptorBudget = null)
    {
        _msPerTick = 1000.0 / NativeFiles.ClockTicks();
        // Kernels built without CONFIG_SCHED_INFO have no schedstat files at all; then a missing one is no news.
        _hasSchedstat = File.Exists("/proc/self/schedstat");
        _descriptorBudget = descriptorBudget ?? Math.Min(3072, OpenFileLimit() / 4);
    }

    /// <summary>Files currently kept open.</summary>
    public int OpenDescriptors
    {
        get { lock (_lock) return _openDescriptors; }
    }

    public ProcessCounters? Sample(int pid) => Sample(pid, null);

    public ProcessCounters? Sample(int pid, ProcessCounters? reuse)
    {
        if (pid <= 0) return null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _round++;
            if (_round % ForgetAfter == 0) ForgetStaleProcesses();
            // Kept files that fail mean the process ended; if the pid is in use again, a fresh start reads the new one.
            for (int attempt = 0; attempt < 2; attempt++)
            {
                var process = FilesOf(pid);
                if (process is null) return null;
                if (TryRead(process, reuse, out var counters)) return counters;
                Forget(process);
            }
            return null;
        }
    }

    /// <summary>Reads one process; false when its kept files show it has ended.</summary>
    private bool TryRead(ProcessFiles process, ProcessCounters? reuse, out ProcessCounters? counters)
    {
        counters = null;
        long start = Stopwatch.GetTimestamp();
        if (!ListTasks(process)) return false;

        int count = 0;
        bool anyAlive = false;
        foreach (int tid in _tids)
        {
            if (!TryReadThread(process, tid, out var thread)) continue;
            if (count == _threads.Length) Array.Resize(ref _threads, count * 2);
            _threads[count++] = thread;
            anyAlive |= thread.State is not ('Z' or 'X');
        }
        CloseEndedThreads(process);

        // The process last, so that its totals (which include ended threads) are never behind its threads'.
        int read = NativeFiles.ReadWhole(process.Stat, _buffer);
        if (read <= 0 || !ProcText.TryParseStat(_buffer.AsSpan(0, read), out var stat)) return false;
        // A zombie has ended and only waits to be reaped (its main thread alone shows 'Z' while others still run).
        if (stat.State is 'Z' or 'X' && !anyAlive) return true;
        string name = process.Name.Get(_buffer.AsSpan(0, read)[stat.Name]);
        read = NativeFiles.ReadWhole(process.Status, _buffer);
        if (read <= 0) return false;
        var status = _buffer.AsSpan(0, read);
        long rssKb = ProcText.StatusValue(status, "VmRSS:"u8) ?? 0;
        long peakKb = ProcText.StatusValue(status, "VmHWM:"u8) ?? 0;

        long end = Stopwatch.GetTimestamp();
        if (reuse is { Threads: ThreadBuffer threads } && reuse.Pid == process.Pid)
        {
            threads.Set(_threads.AsSpan(0, count));
            reuse.Name = name;
            reuse.TimestampTicks = start + (end - start) / 2;
            reuse.WorkingSetBytes = rssKb * 1024;
            reuse.PeakWorkingSetBytes = peakKb * 1024;
            reuse.UserMs = stat.UserTicks * _msPerTick;
            reuse.SystemMs = stat.SystemTicks * _msPerTick;
            counters = reuse;
            return true;
        }
        counters = new ProcessCounters(
            process.Pid,
            name,
            start + (end - start) / 2,
            rssKb * 1024,
            peakKb * 1024,
            stat.UserTicks * _msPerTick,
            stat.SystemTicks * _msPerTick,
            new ThreadBuffer(_threads.AsSpan(0, count)));
        return true;
    }

    private static bool _noGetdents;

    /// <summary>Fills <see cref="_tids"/>; false when the process has gone. getdents64 into the shared buffer
    /// allocates nothing (a FileSystemEnumerable cost ~200 bytes a reading); the managed listing stays for C libraries
    /// without it.</summary>
    private bool ListTasks(ProcessFiles process)
    {
        _tids.Clear();
        if (!_noGetdents)
        {
            try
            {
                return NativeFiles.ReadNumericEntries(process.Directory, "task\0"u8, _buffer, _tids);
            }
            catch (EntryPointNotFoundException)
            {
                _noGetdents = true;
                _tids.Clear();
            }
        }
        try
        {
            var tids = new FileSystemEnumerable<int>(process.TaskDirectory, static (ref FileSystemEntry e) =>
                int.TryParse(e.FileName, NumberStyles.None, CultureInfo.InvariantCulture, out int tid) ? tid : 0);
            foreach (int tid in tids) if (tid > 0) _tids.Add(tid);
            return true;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private bool TryReadThread(ProcessFiles process, int tid, out ThreadCounters thread)
    {
        thread = default;
        if (!process.Threads.TryGetValue(tid, out var files))
        {
            files = new ThreadFiles(tid);
            if (!TryOpen(process, files)) return false;
            process.Threads[tid] = files;
        }
        files.LastSeen = _round;

        Span<byte> path = stackalloc byte[40];
        int stem = TaskPath(path, tid);

        int read = Read(process, files.Stat, path, stem, "stat\0"u8);
        if (read <= 0 || !ProcText.TryParseStat(_buffer.AsSpan(0, read), out var stat)) return Ended(process, files);
        string name = files.Name.Get(_buffer.AsSpan(0, read)[stat.Name]);

        long? onCpuNs = null, waitingNs = null;
        if (_hasSchedstat)
        {
            read = Read(process, files.Schedstat, path, stem, "schedstat\0"u8);
            if (read <= 0) return Ended(process, files);
            if (ProcText.TryParseSchedstat(_buffer.AsSpan(0, read), out long onCpu, out long waiting))
            {
                onCpuNs = onCpu;
                waitingNs = waiting;
            }
        }

        read = Read(process, files.Status, path, stem, "status\0"u8);
        if (read <= 0) return Ended(process, files);
        thread = ProcText.ThreadCounters(tid, name, stat, onCpuNs, waitingNs, _buffer.AsSpan(0, read), _msPerTick);
        return true;
    }

    /// <summary>Reads a thread's file through its kept descriptor, else by path ("task/&lt;tid&gt;/" + name).</summary>
    private int Read(ProcessFiles process, int fd, Span<byte> path, int stem, ReadOnlySpan<byte> nameZ)
    {
        if (fd >= 0) return NativeFiles.ReadWhole(fd, _buffer);
        nameZ.CopyTo(path[stem..]);
        return NativeFiles.ReadAt(process.Directory, path, _buffer);
    }

    /// <summary>Keeps a new thread's files open if the budget allows; false when the thread has already gone.</summary>
    private bool TryOpen(ProcessFiles process, ThreadFiles files)
    {
        Span<byte> path = stackalloc byte[40];
        int stem = TaskPath(path, files.Tid);
        "stat\0"u8.CopyTo(path[stem..]);
        int stat = NativeFiles.OpenAt(process.Directory, path);
        if (stat < 0) return false;
        if (_openDescriptors + FilesPerThread > _descriptorBudget)
        {
            NativeFiles.Close(stat); // over budget: its files will be opened for each reading
            return true;
        }
        files.Stat = stat;
        if (_hasSchedstat)
        {
            "schedstat\0"u8.CopyTo(path[stem..]);
            files.Schedstat = NativeFiles.OpenAt(process.Directory, path);
        }
        "status\0"u8.CopyTo(path[stem..]);
        files.Status = NativeFiles.OpenAt(process.Directory, path);
        _openDescriptors += files.OpenCount;
        if (files.OpenCount == FilesPerThread) return true;
        _openDescriptors -= files.Close();
        return false;
    }

    private int FilesPerThread => _hasSchedstat ? 3 : 2;

    /// <summary>"task/&lt;tid&gt;/" into <paramref name="path"/>; its length.</summary>
    private static int TaskPath(Span<byte> path, int tid)
    {
        "task/"u8.CopyTo(path);
        int length = 5 + ProcText.WriteNumber(path[5..], tid);
        path[length++] = (byte)'/';
        return length;
    }

    /// <summary>A thread that ended while being read: left out of the reading, its files closed.</summary>
    private bool Ended(ProcessFiles process, ThreadFiles files)
    {
        _openDescriptors -= files.Close();
        process.Threads.Remove(files.Tid);
        return false;
    }

    private void CloseEndedThreads(ProcessFiles process)
    {
        foreach (var (tid, files) in process.Threads)
        {
            if (files.LastSeen == _round) continue;
            _openDescriptors -= files.Close();
            process.Threads.Remove(tid);
        }
    }

    /// <summary>The kept files of <paramref name="pid"/>, opened on first use; null when the process does not exist.</summary>
    private ProcessFiles? FilesOf(int pid)
    {
        if (_processes.TryGetValue(pid, out var known))
        {
            known.LastSeen = _round;
            return known;
        }
        Span<byte> path = stackalloc byte[24];
        "/proc/"u8.CopyTo(path);
        int length = 6 + ProcText.WriteNumber(path[6..], pid);
        path[length] = 0;
        int directory = NativeFiles.Open(path[..(length + 1)]);
        if (directory < 0) return null;
        int stat = NativeFiles.OpenAt(directory, "stat\0"u8);
        int status = NativeFiles.OpenAt(directory, "status\0"u8);
        var process = new ProcessFiles(pid, directory, stat, status) { LastSeen = _round };
        if (stat < 0 || status < 0)
        {
            process.Close();
            return null;
        }
        _openDescriptors += 3;
        _processes[pid] = process;
        return process;
    }

    private void Forget(ProcessFiles process)
    {
        _openDescriptors -= process.Close();
        _processes.Remove(process.Pid);
    }

    private void ForgetStaleProcesses()
    {
        foreach (var process in _processes.Values)
        {
            if (_round - process.LastSeen > ForgetAfter) Forget(process);
        }
    }

    /// <summary>The soft limit on open files, from /proc/self/limits; 1024 if it cannot be read.</summary>
    private static int OpenFileLimit()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                string soft = line["Max open files".Length..].TrimStart().Split(' ')[0];
                if (soft == "unlimited") return int.MaxValue;
                return int.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) ? limit : 1024;
            }
        }
        catch (IOException)
        {
        }
        return 1024;
    }

    public void Dispose()
    {
        lock (_lock) CloseAll();
        GC.SuppressFinalize(this);
    }

    // The descriptors are plain ints, not SafeHandles (one object per file would defeat the point), so a sampler
    // that was never disposed closes them here.
    ~LinuxProcThreadSampler() => CloseAll();

    private void CloseAll()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var process in _processes.Values) process.Close();
        _processes.Clear();
        _openDescriptors = 0;
    }
}
