using System.Diagnostics;
using System.Globalization;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// The test's own readings of the kernel's figures, taken independently of Monitor: a thread's on-CPU time from its
/// schedstat, a process's utime + stime from its stat, its resident set from its status, the machine's busy time
/// from /proc/stat. Each returns null once the process or thread is gone.
/// </summary>
public static class ProcReadings
{
    private static readonly Lazy<int> ClockTicks = new(ReadClockTicks);

    /// <summary>USER_HZ as `getconf CLK_TCK` gives it (stat's utime and stime count in these).</summary>
    public static int ClockTicksPerSecond => ClockTicks.Value;

    /// <summary>One clock tick in milliseconds: the step of stat's CPU times.</summary>
    public static double TickMs => 1000.0 / ClockTicksPerSecond;

    /// <summary>The thread's time on a CPU since it started: schedstat's first field (ns).</summary>
    public static double? ThreadOnCpuMs(int pid, int tid)
    {
        string? text = TryRead($"/proc/{pid}/task/{tid}/schedstat");
        if (text is null) return null;
        return long.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / 1e6;
    }

    /// <summary>The process's utime + stime (fields 14 and 15 of stat, counted after the last ')').</summary>
    public static double? ProcessCpuMs(int pid) => StatFields(pid) is { } f ? TicksToMs(f, 14) + TicksToMs(f, 15) : null;

    /// <summary>cutime + cstime (fields 16, 17): the CPU of the children the process has waited for, and of theirs.</summary>
    public static double? ReapedChildrenCpuMs(int pid) => StatFields(pid) is { } f ? TicksToMs(f, 16) + TicksToMs(f, 17) : null;

    /// <summary>When the process started, in clock ticks since boot (field 22): tells a reused pid from the old one.</summary>
    public static long? StartTicks(int pid) => StatFields(pid) is { } f ? long.Parse(f[22 - 3], CultureInfo.InvariantCulture) : null;

    /// <summary>The parent pid (field 4).</summary>
    public static int? ParentPid(int pid) => StatFields(pid) is { } f ? int.Parse(f[4 - 3], CultureInfo.InvariantCulture) : null;

    /// <summary>VmRSS of /proc/PID/status in bytes.</summary>
    public static long? ResidentBytes(int pid)
    {
        string? text = TryRead($"/proc/{pid}/status");
        if (text is null) return null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            string[] parts = line[6..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024; // "kB"
        }
        return null; // a zombie has no memory lines
    }

    /// <summary>Whether signal <paramref name="signal"/> is ignored by this process (bit signal-1 of SigIgn).</summary>
    public static bool IgnoresSignal(int pid, int signal)
    {
        string? text = TryRead($"/proc/{pid}/status");
        if (text is null) return false;
        string line = text.Split('\n').First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        ulong mask = ulong.Parse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    /// <summary>The whole machine's busy CPU time so far (all CPUs: user, nice, system, irq, softirq, steal; not idle
    /// or iowait), in ms.</summary>
    public static double MachineBusyMs()
    {
        string first = File.ReadLines("/proc/stat").First();
        string[] f = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
        long busy = 0;
        foreach (int i in new[] { 1, 2, 3, 6, 7, 8 }) busy += long.Parse(f[i], CultureInfo.InvariantCulture);
        return busy * TickMs;
    }

    /// <summary>stat's fields from the state on: index 0 is field 3.</summary>
    private static string[]? StatFields(int pid)
    {
        string? stat = TryRead($"/proc/{pid}/stat");
        if (stat is null) return null;
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static double TicksToMs(string[] fieldsFromState, int field) =>
        long.Parse(fieldsFromState[field - 3], CultureInfo.InvariantCulture) * TickMs;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }

    private static int ReadClockTicks()
    {
        var start = new ProcessStartInfo("getconf") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("CLK_TCK");
        using var p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
