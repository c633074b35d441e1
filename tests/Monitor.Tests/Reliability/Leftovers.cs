using System.Diagnostics;
using System.Globalization;

namespace Monitor.Tests.Reliability;

/// <summary>What a Monitor process can leave behind, looked up independently of Monitor: processes in /proc, sockets and
/// directories in the temp dir.</summary>
public static class Leftovers
{
    /// <summary>Every living process started on behalf of <paramref name="monitorPid"/>: each carries `--parent PID` on its
    /// command line (the .NET workers, the Python worker and its forked multiprocessing children).</summary>
    public static IReadOnlyList<int> ProcessesOf(int monitorPid)
    {
        string parent = monitorPid.ToString(CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile
            }
            int flag = Array.IndexOf(args, "--parent");
            if (flag >= 0 && flag + 1 < args.Length && args[flag + 1] == parent) found.Add(pid);
        }
        return found;
    }

    /// <summary>The default diagnostic sockets of Monitor and of <paramref name="workerPids"/>, and Monitor's private
    /// socket directories. Meant for after Monitor has ended: while it runs, these are in use.</summary>
    public static IReadOnlyList<string> SocketsOf(int monitorPid, IEnumerable<int> workerPids)
    {
        string temp = Path.GetTempPath();
        var found = new List<string>();
        foreach (int pid in workerPids.Append(monitorPid))
        {
            found.AddRange(Directory.GetFiles(temp, $"dotnet-diagnostic-{pid}-*-socket"));
        }
        found.AddRange(PrivateDirectoriesOf(monitorPid));
        return found;
    }

    public static string[] PrivateDirectoriesOf(int monitorPid) => Directory.GetDirectories(Path.GetTempPath(), $"monitor-{monitorPid}-*");

    /// <summary>Polls until no process and no socket is left, or <paramref name="bound"/> (a hang guard) has passed.</summary>
    public static async Task<(TimeSpan Elapsed, IReadOnlyList<int> Processes, IReadOnlyList<string> Sockets)> WaitUntilGoneAsync(
        int monitorPid, IReadOnlyCollection<int> workerPids, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var processes = ProcessesOf(monitorPid);
            var sockets = SocketsOf(monitorPid, workerPids);
            if ((processes.Count == 0 && sockets.Count == 0) || clock.Elapsed > bound) return (clock.Elapsed, processes, sockets);
            await Task.Delay(50);
        }
    }

    /// <summary>Ends whatever a failed test left running, so no worker outlives the test run.</summary>
    public static void KillProcessesOf(int monitorPid)
    {
        foreach (int pid in ProcessesOf(monitorPid))
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
