namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>A fact about /proc: skipped on systems that have none.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux /proc";
    }
}
