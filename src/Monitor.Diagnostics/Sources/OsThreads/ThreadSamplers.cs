namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>The thread sampler for the operating system this runs on.</summary>
public static class ThreadSamplers
{
    public static IThreadSampler ForCurrentOs() =>
        OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task")
            ? new LinuxProcThreadSampler()
            : OperatingSystem.IsWindows() && Environment.Is64BitProcess ? new Windows.WindowsThreadSampler()
            : new PortableThreadSampler();
}
