using System.Globalization;
using System.Runtime.InteropServices;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Breaks the connections between a Monitor and its workers' runtimes as a failing transport would: shutdown(2) on
/// every connected socket whose address is in Monitor's private socket directory (the session's event stream and the
/// runtime's next command connection). Monitor's reader then sees its stream end mid-session while the worker, whose
/// writes now fail, computes on. Nothing of Monitor's own code is involved: the sockets are found in /proc and shut
/// down from outside, in this process or (through pidfd_getfd, Linux 5.6+) in a child Monitor process.
/// </summary>
public static class DiagnosticConnections
{
    private const int ShutReadWrite = 2;
    private const long SysPidfdOpen = 434; // the same number on x86-64 and arm64
    private const long SysPidfdGetfd = 438;

    /// <summary>Shuts down this process's own connections in <paramref name="directory"/>; returns how many.</summary>
    public static int BreakOwn(string directory)
    {
        int broken = 0;
        foreach (int fd in SocketFds(Environment.ProcessId, ConnectedUnder(directory)))
        {
            if (shutdown(fd, ShutReadWrite) == 0) broken++;
        }
        return broken;
    }

    /// <summary>Shuts down <paramref name="pid"/>'s connections in <paramref name="directory"/> through duplicates of its
    /// descriptors (shutdown acts on the socket, which both share); returns how many, or null with the reason when this
    /// kernel or these permissions do not allow it.</summary>
    public static (int Broken, string? Why) BreakIn(int pid, string directory)
    {
        int pidfd = (int)syscall(SysPidfdOpen, pid, 0, 0);
        if (pidfd < 0) return (0, $"pidfd_open failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            int broken = 0;
            foreach (int fd in SocketFds(pid, ConnectedUnder(directory)))
            {
                int copy = (int)syscall(SysPidfdGetfd, pidfd, fd, 0);
                if (copy < 0) return (broken, $"pidfd_getfd failed: errno {Marshal.GetLastPInvokeError()}");
                if (shutdown(copy, ShutReadWrite) == 0) broken++;
                close(copy);
            }
            return (broken, null);
        }
        finally
        {
            close(pidfd);
        }
    }

    /// <summary>Inodes of connected Unix sockets whose address is in <paramref name="directory"/>: an accepted
    /// connection carries its listener's path in /proc/net/unix (columns: Num RefCount Protocol Flags Type St Inode Path;
    /// St 03 = connected).</summary>
    private static HashSet<long> ConnectedUnder(string directory)
    {
        string prefix = directory.TrimEnd('/') + "/";
        var inodes = new HashSet<long>();
        foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 8 && f[5] == "03" && f[7].StartsWith(prefix, StringComparison.Ordinal)) inodes.Add(long.Parse(f[6], CultureInfo.InvariantCulture));
        }
        return inodes;
    }

    private static List<int> SocketFds(int pid, HashSet<long> inodes)
    {
        var fds = new List<int>();
        foreach (var link in Directory.EnumerateFiles($"/proc/{pid}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                && long.TryParse(target["socket:[".Length..^1], CultureInfo.InvariantCulture, out long inode) && inodes.Contains(inode))
            {
                fds.Add(int.Parse(Path.GetFileName(link), CultureInfo.InvariantCulture));
            }
        }
        return fds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, int a, int b, int c);

    [DllImport("libc", SetLastError = true)]
    private static extern int shutdown(int fd, int how);

    [DllImport("libc")]
    private static extern int close(int fd);
}
