using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Monitor.Tests.Reliability;

/// <summary>What a Monitor process can leave behind, looked up independently of Monitor: processes in /proc, sockets and
/// directories in the temp dir.</summary>
public static class Leftovers
{
    /// <summary>
    /// The start time (clock ticks since boot) of each Monitor and worker these helpers have seen running, by pid. The
    /// runtime names its socket <c>dotnet-diagnostic-PID-KEY-socket</c>, KEY being that start time. A killed process's
    /// socket stays, and pids are reused: a worker given the pid of a .NET process killed earlier found that older,
    /// unrelated socket counted as its own (issue #19, docs/reliability.md). A socket is a process's when its name
    /// carries both its pid and its start time.
    /// </summary>
    private static readonly ConcurrentDictionary<int, long> StartTimes = new();

    /// <summary>Every living process started on behalf of <paramref name="monitorPid"/>: each carries `--parent PID` on its
    /// command line (the .NET workers, the Python worker and its forked multiprocessing children).</summary>
    public static IReadOnlyList<int> ProcessesOf(int monitorPid) => ProcessesOf(monitorPid, _ => true);

    /// <summary>The processes of a run of <paramref name="monitorPid"/>: every process of its, but the calibration worker
    /// that measures the machine before the run (it carries --parent too, and lives only about a quarter of a second).</summary>
    public static IReadOnlyList<int> RunWorkersOf(int monitorPid) => ProcessesOf(monitorPid, args => !args.Contains("--calibrate"));

    /// <summary>The processes of <paramref name="monitorPid"/> that measure this machine's speed (`--calibrate`): the
    /// .NET `worker --calibrate MS --parent PID` and the Python worker's `--calibrate MS --parent PID`.</summary>
    public static IReadOnlyList<int> CalibrationWorkersOf(int monitorPid) => ProcessesOf(monitorPid, args => args.Contains("--calibrate"));

    /// <summary>How long ago <paramref name="pid"/> was started (to 1/USER_HZ s), from its start time in
    /// /proc/PID/stat and /proc/uptime; null once it is gone.</summary>
    public static TimeSpan? AgeOf(int pid)
    {
        if (StatOf(pid) is not { } stat) return null;
        try
        {
            double uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(Math.Max(0, uptime - stat.StartTicks / (double)Monitor.Workloads.Linux.ClockTicks.PerSecond));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The parent pid and the start time (clock ticks since boot) in /proc/PID/stat; null once it is gone.</summary>
    private static (int ParentPid, long StartTicks)? StatOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields 4 (ppid) and 22 (starttime); they are counted from the state (field 3) after the ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[4 - 3], CultureInfo.InvariantCulture), long.Parse(fields[22 - 3], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IReadOnlyList<int> ProcessesOf(int monitorPid, Func<string[], bool> filter)
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
            if (flag < 0 || flag + 1 >= args.Length || args[flag + 1] != parent) continue;
            // Every process of Monitor's is remembered as the one that holds its pid now, and Monitor itself once a
            // process of its is seen still its child (an orphan keeps the --parent of a Monitor that is gone).
            if (StatOf(pid) is { } stat)
            {
                StartTimes[pid] = stat.StartTicks;
                if (stat.ParentPid == monitorPid && StatOf(monitorPid) is { } monitor) StartTimes[monitorPid] = monitor.StartTicks;
            }
            if (filter(args)) found.Add(pid);
        }
        return found;
    }

    /// <summary>The default diagnostic sockets and debugger pipes of Monitor and of <paramref name="workerPids"/>, and
    /// Monitor's private socket directories. Meant for after Monitor has ended: while it runs, these are in use.</summary>
    public static IReadOnlyList<string> SocketsOf(int monitorPid, IEnumerable<int> workerPids)
    {
        var found = new List<string>();
        foreach (int pid in workerPids.Append(monitorPid))
        {
            found.AddRange(DefaultSocketsOf(pid));
            found.AddRange(DebugPipesOf(pid));
        }
        found.AddRange(PrivateDirectoriesOf(monitorPid));
        return found;
    }

    /// <summary>The default diagnostic socket of the process these helpers saw holding <paramref name="pid"/> (see
    /// <see cref="StartTimes"/>), not an older one of a process that held the pid before; every socket named for the
    /// pid when they never saw it.</summary>
    public static string[] DefaultSocketsOf(int pid) => Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-{KeyOf(pid)}-socket");

    /// <summary>The runtime's two debugger pipes, told apart the same way: clr-debug-pipe-PID-KEY-in and -out.</summary>
    public static string[] DebugPipesOf(int pid) => Directory.GetFiles(Path.GetTempPath(), $"clr-debug-pipe-{pid}-{KeyOf(pid)}-*")
        .Where(p => p.EndsWith("-in", StringComparison.Ordinal) || p.EndsWith("-out", StringComparison.Ordinal)).ToArray();

    private static string KeyOf(int pid) => StartTimes.TryGetValue(pid, out long start) ? start.ToString(CultureInfo.InvariantCulture) : "*";

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

    /// <summary>For a test that killed Monitor at a moment it does not assert on (no worker may have existed to clean
    /// up, or one may hang before its first instruction, suspended at the diagnostic port of the dead Monitor): ends
    /// Monitor's processes and removes their sockets and Monitor's.</summary>
    public static void CleanUpAfter(int monitorPid)
    {
        var processes = ProcessesOf(monitorPid);
        KillProcessesOf(monitorPid);
        var clock = Stopwatch.StartNew();
        while (ProcessesOf(monitorPid).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(50);
        foreach (var path in SocketsOf(monitorPid, processes))
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
            catch (IOException)
            {
                // A worker's own cleanup removed it meanwhile.
            }
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

    /// <summary>Ends a Monitor a test started, orderly first (SIGTERM: killing Monitor and its workers at once would
    /// leave their sockets behind), then by force after 15 s; then whatever it left, and the process object.</summary>
    public static void EndMonitor(System.Diagnostics.Process monitor)
    {
        int pid = monitor.Id;
        try
        {
            if (!monitor.HasExited) PosixSignals.Send(pid, PosixSignals.SIGTERM);
            if (!monitor.WaitForExit(TimeSpan.FromSeconds(15))) monitor.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        KillProcessesOf(pid);
        monitor.Dispose();
    }
}
