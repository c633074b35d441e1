namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>A theory about /proc: skipped on systems that have none.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux /proc";
    }
}
