using System.Runtime.Versioning;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>
/// One sampled process's open /proc/&lt;pid&gt; directory, its stat and status files, its name and the open files of
/// each of its threads. The directory descriptor pins this very process: files opened through it after the process
/// ended (and its pid perhaps reused) fail instead of showing another process.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ProcessFiles(int pid, int directory, int stat, int status)
{
    public int Pid { get; } = pid;
    public int Directory { get; private set; } = directory;
    public int Stat { get; private set; } = stat;
    public int Status { get; private set; } = status;
    public long LastSeen { get; set; }
    public CachedName Name { get; } = new();
    public Dictionary<int, ThreadFiles> Threads { get; } = new();

    /// <summary>"/proc/&lt;pid&gt;/task", for listing the threads.</summary>
    public string TaskDirectory { get; } = $"/proc/{pid}/task";

    /// <summary>Closes this process's files and its threads'; the count closed.</summary>
    public int Close()
    {
        int closed = 0;
        foreach (var thread in Threads.Values) closed += thread.Close();
        Threads.Clear();
        foreach (int fd in (ReadOnlySpan<int>)[Directory, Stat, Status])
        {
            if (fd < 0) continue;
            NativeFiles.Close(fd);
            closed++;
        }
        Directory = Stat = Status = -1;
        return closed;
    }
}
