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
    /// value per thread). Call before the worker threads start.</summary>
    public static void Lower()
    {
        if (OperatingSystem.IsWindows()) return;
        // Fails only where raising niceness is not allowed at all; the worker then runs as it was started.
        _ = nice(Steps);
    }

    [LibraryImport("libc")]
    private static partial int nice(int increment);
}
