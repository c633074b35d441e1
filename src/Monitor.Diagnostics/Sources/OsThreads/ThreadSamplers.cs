using Monitor.Diagnostics.Sources.OsThreads.Linux;
using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>
/// The thread sampler for the operating system this runs on: its own accounting where Monitor has a reader for it,
/// the portable one elsewhere. <see cref="Variable"/> picks another (MONITOR_SAMPLER=portable runs the portable path on
/// Linux, where it can be compared with /proc); the choice is made here once, so no reading asks which system it is on.
/// </summary>
public static class ThreadSamplers
{
    public const string Variable = "MONITOR_SAMPLER";

    public static IThreadSampler ForCurrentOs() => Create(Chosen());

    /// <summary>The reader <see cref="Variable"/> asks for (unset or empty: <see cref="Native"/>). Throws
    /// <see cref="RequestRefusedException"/> for a word that is not a reader or a reader this system does not have.</summary>
    public static ThreadReader Chosen() => Chosen(Environment.GetEnvironmentVariable(Variable));

    /// <summary>As <see cref="Chosen()"/>, for the value <paramref name="asked"/>.</summary>
    public static ThreadReader Chosen(string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked)) return Native();
        if (!Words.TryParse(asked.Trim(), out ThreadReader reader))
        {
            throw new RequestRefusedException($"{Variable}={asked}: not one of {Words.Choices<ThreadReader>()}");
        }
        if (!IsAvailable(reader))
        {
            throw new RequestRefusedException($"{Variable}={asked}: this system has no {reader.Name()} thread reader (it has {Native().Name()} and portable)");
        }
        return reader;
    }

    /// <summary>The reader of this operating system's own accounting, or the portable one where Monitor has none.</summary>
    public static ThreadReader Native() =>
        IsAvailable(ThreadReader.Proc) ? ThreadReader.Proc
        : IsAvailable(ThreadReader.Windows) ? ThreadReader.Windows
        : OperatingSystem.IsMacOS() ? ThreadReader.MacOS
        : ThreadReader.Portable;

    private static bool IsAvailable(ThreadReader reader) => reader switch
    {
        ThreadReader.Proc => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task"),
        // The reader parses the 64-bit layout of the system's table; a 32-bit Monitor reads the portable way.
        ThreadReader.Windows => OperatingSystem.IsWindows() && Environment.Is64BitProcess,
        ThreadReader.MacOS => OperatingSystem.IsMacOS(),
        _ => true,
    };

    private static IThreadSampler Create(ThreadReader reader)
    {
        if (reader == ThreadReader.Proc && OperatingSystem.IsLinux()) return new LinuxProcThreadSampler();
        if (reader == ThreadReader.Windows && OperatingSystem.IsWindows()) return new Windows.WindowsThreadSampler();
        if (reader == ThreadReader.MacOS && OperatingSystem.IsMacOS()) return new MacOS.MacThreadSampler();
        return new PortableThreadSampler();
    }
}
