using System.Globalization;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Monitor talks to runtimes only through local diagnostic IPC: during a run with full diagnostics, every socket
/// Monitor and its workers hold is a Unix socket; none is a TCP or UDP socket (listening or not).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class NoNetworkPortTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly string[] InetTables = ["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6"];

    [Fact]
    public async Task Monitor_and_its_workers_hold_only_unix_sockets()
    {
        using var monitor = BackgroundMonitor.Start("run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        foreach (int pid in workers.Prepend(monitor.Pid))
        {
            var held = SocketInodes(pid);
            Assert.NotEmpty(held); // the diagnostic IPC itself
            var inet = InetTables.SelectMany(t => TableInodes($"/proc/{pid}/net/{t}", 9)).ToHashSet();
            var unix = TableInodes($"/proc/{pid}/net/unix", 6).ToHashSet();
            Assert.All(held, inode => Assert.DoesNotContain(inode, inet));
            Assert.All(held, inode => Assert.True(unix.Contains(inode), $"process {pid}: socket {inode} is not a Unix socket"));
        }
    }

    /// <summary>The inodes of the sockets a process has open: its fds that link to socket:[INODE].</summary>
    private static List<long> SocketInodes(int pid)
    {
        var inodes = new List<long>();
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(long.Parse(target["socket:[".Length..^1], CultureInfo.InvariantCulture));
            }
        }
        return inodes;
    }

    /// <summary>The inode column of a /proc/net table (header line skipped); empty when the table does not exist.</summary>
    private static IEnumerable<long> TableInodes(string path, int column)
    {
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > column)
            .Select(f => long.Parse(f[column], CultureInfo.InvariantCulture))
            .ToList();
    }
}
