namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

/// <summary>A fact about Windows itself (its system calls, not buffers laid out like its own): skipped, and reported
/// as skipped, elsewhere.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows()) Skip = "needs Windows";
    }
}
