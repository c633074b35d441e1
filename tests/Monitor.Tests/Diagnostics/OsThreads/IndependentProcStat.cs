using System.Diagnostics;
using System.Globalization;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>A deliberately plain second reading of a thread's CPU time, to check the sampler against: utime + stime
/// of /proc/pid/task/tid/stat (fields 14 and 15; the comm before them may hold spaces).</summary>
internal static class IndependentProcStat
{
    private static readonly Lazy<int> TicksPerSecond = new(() =>
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
        string text = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit();
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    });

    public static double CpuMs(int pid, int tid) => CpuMsOf($"/proc/{pid}/task/{tid}/stat");

    /// <summary>The whole process's: /proc/pid/stat.</summary>
    public static double ProcessCpuMs(int pid) => CpuMsOf($"/proc/{pid}/stat");

    private static double CpuMsOf(string path)
    {
        string stat = File.ReadAllText(path);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state)
        long ticks = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / TicksPerSecond.Value;
    }
}
