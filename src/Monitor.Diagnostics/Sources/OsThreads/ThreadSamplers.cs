namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>The thread sampler for the operating system this runs on.</summary>
public static class ThreadSamplers
{
    public static IThreadSampler ForCurrentOs()
    {
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task")) return new LinuxProcThreadSampler();
        if (OperatingSystem.IsMacOS()) return new MacOS.MacThreadSampler();
        return new PortableThreadSampler();
    }
}
