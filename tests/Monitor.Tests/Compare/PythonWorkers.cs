using System.Globalization;

namespace Monitor.Tests.Compare;

/// <summary>Finds live Python workers (sum_worker.py, and the multiprocessing children forked from it, which keep its
/// command line) started by a given Monitor, by the `--parent PID` argument they carry.</summary>
public static class PythonWorkers
{
    public static IReadOnlyList<int> Of(int parentPid)
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
                continue; // gone meanwhile
            }
            int flag = Array.IndexOf(args, "--parent");
            if (args.Any(a => a.EndsWith("sum_worker.py", StringComparison.Ordinal)) && flag >= 0 && flag + 1 < args.Length && args[flag + 1] == parent)
            {
                found.Add(pid);
            }
        }
        return found;
    }
}
