using System.Runtime.InteropServices;

namespace Monitor.Workloads;

/// <summary>
/// Workers compute at a lower scheduling priority (10 nice steps below the one they were started with) than Monitor:
/// with 64 busy worker threads at Monitor's own priority the UI waited seconds for a CPU to handle a key. The workers
/// still compete evenly with each other, so what the modes show is unchanged; and on someone's server the demo load
/// yields to real work.
/// </summary>
public static partial class WorkerPriority
{
    public const int Steps = 10;

    /// <summary>Lowers the calling thread's priority; threads it starts afterwards inherit it (Linux keeps a nice
    /// value per thread). On Windows the whole process's priority class. Call before the worker threads start.</summary>
    public static void Lower()
    {
        if (OperatingSystem.IsWindows())
        {
            LowerPriorityClass();
            return;
        }
        // Fails only where raising niceness is not allowed at all; the worker then runs as it was started.
        _ = nice(Steps);
    }

    /// <summary>Windows keeps the priority per process: BelowNormal is its counterpart of nice +10 (the whole worker,
    /// threads started later included).</summary>
    private static void LowerPriorityClass()
    {
        try
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.PriorityClass = System.Diagnostics.ProcessPriorityClass.BelowNormal;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not allowed (a job's limit, say): the worker runs as it was started.
        }
    }

    [LibraryImport("libc")]
    private static partial int nice(int increment);
}
