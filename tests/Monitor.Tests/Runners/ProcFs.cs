using System.Globalization;

namespace Monitor.Tests.Runners;

/// <summary>Reads what the Linux kernel says about processes and threads (/proc), independently of Monitor.</summary>
public static class ProcFs
{
    /// <summary>The pids of live `monitor worker` processes started by <paramref name="parentPid"/>, found by the
    /// `--parent PID` argument every worker carries (a parent pid that survives re-parenting to init).</summary>
    public static IReadOnlyList<int> WorkersOf(int parentPid) =>
        ProcessesWithParentArgument(parentPid, args => Array.IndexOf(args, "worker") >= 0);

    /// <summary>Live processes whose command line carries `--parent <paramref name="parentPid"/>` and matches
    /// <paramref name="kind"/> (Monitor's workers, Python's, and the multiprocessing children that keep its command line).</summary>
    public static IReadOnlyList<int> ProcessesWithParentArgument(int parentPid, Func<string[], bool> kind)
    {
        var found = new List<int>();
        string parent = parentPid.ToString(CultureInfo.InvariantCulture);
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
                continue; // gone meanwhile, or not ours
            }
            int flag = Array.IndexOf(args, "--parent");
            if (flag >= 0 && flag + 1 < args.Length && args[flag + 1] == parent && kind(args)) found.Add(pid);
        }
        return found;
    }

    /// <summary>One reading of a thread: its name, scheduler state and context switches.</summary>
    public sealed record TaskReading(int Tid, string Name, char State, long VoluntarySwitches, long InvoluntarySwitches);

    /// <summary>The threads of <paramref name="pid"/> right now; threads that end while being read are skipped.</summary>
    public static IReadOnlyList<TaskReading> Tasks(int pid)
    {
        var readings = new List<TaskReading>();
        IEnumerable<string> dirs;
        try
        {
            dirs = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return readings;
        }
        foreach (var dir in dirs)
        {
            if (TryReadTask(dir) is { } reading) readings.Add(reading);
        }
        return readings;
    }

    private static TaskReading? TryReadTask(string dir)
    {
        try
        {
            string name = "", state = "";
            long voluntary = -1, involuntary = -1;
            foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                string value = line[(colon + 1)..].Trim();
                switch (line[..colon])
                {
                    case "Name": name = value; break;
                    case "State": state = value; break;
                    case "voluntary_ctxt_switches": voluntary = long.Parse(value, CultureInfo.InvariantCulture); break;
                    case "nonvoluntary_ctxt_switches": involuntary = long.Parse(value, CultureInfo.InvariantCulture); break;
                }
            }
            if (voluntary < 0 || involuntary < 0 || state.Length == 0) return null;
            return new TaskReading(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), name, state[0], voluntary, involuntary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // the thread ended between listing and reading
        }
    }
}
