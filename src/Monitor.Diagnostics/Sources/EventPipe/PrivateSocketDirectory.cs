using Monitor.Diagnostics.Sources.EventPipe.Windows;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// A directory only this user may enter (0700), holding the diagnostic-port sockets Monitor listens on: nobody else can
/// connect to them, or put a socket of their own in their place. It lives under the temp dir when that exists and is
/// short enough for a socket path (107 bytes on Linux, 103 on macOS), else under /tmp: Monitor picks a usable place
/// itself rather than fail on a long or missing TMPDIR (macOS's per-user /var/folders/... one is close to the limit).
/// On Windows the ports are named pipes (<see cref="DiagnosticPipeNames"/>): no directory is made, <see cref="Path"/>
/// is the names' common part, and nothing is left to remove.
/// </summary>
public sealed class PrivateSocketDirectory : IDisposable
{
    private int _next;

    public PrivateSocketDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Path = DiagnosticPipeNames.NewPortPrefix();
            return;
        }
        string parent = Parent();
        // Directories of Monitors killed with SIGKILL when no worker was left to remove them (see DeadOwnerDirectories).
        foreach (int dead in DeadOwnerDirectories.Sweep(parent, Prefix, FileKind.Socket)) RemoveRuntimeFilesOf(dead);
        // A fresh, unpredictable name, 0700. The pid in the name tells whose it is: a worker orphaned by a killed Monitor
        // removes its parent's.
        Path = System.IO.Path.TrimEndingDirectorySeparator(parent) == System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetTempPath())
            || !FileStatuses.Available
            ? Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName
            : CreateUnder(parent);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Every private directory is named <c>monitor-PID-RANDOM</c> in the temp dir (or /tmp).</summary>
    public const string Prefix = OrphanCleanup.PrivateDirectoryPrefix;

    /// <summary>The longest parent that leaves room for "/monitor-PID-XXXXXX/wNNNNNNNNNN.sock" in a socket path.</summary>
    public static int MaxParentLength => MaxParentLengthFor(OperatingSystem.IsMacOS());

    /// <summary>sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included.</summary>
    internal static int MaxParentLengthFor(bool macOS) => (macOS ? 103 : 107) - 44;

    /// <summary>The directory; on Windows the pipe names' common part, which is no path at all.</summary>
    public string Path { get; }

    /// <summary>Where the directory goes: the temp dir if it exists and is short enough, else /tmp, else /dev/shm.
    /// Throws <see cref="IOException"/> saying why none will do.</summary>
    public static string Parent()
    {
        string temp = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetTempPath());
        if (OperatingSystem.IsWindows()) return temp;
        return Choose(temp, MaxParentLength, Directory.Exists) ?? throw new IOException(Directory.Exists(temp)
            ? $"the temp dir {temp} is too long for a socket path (at most {MaxParentLength} characters here) and /tmp is missing: set TMPDIR to a shorter directory"
            : $"the temp dir {temp} does not exist and neither does /tmp: set TMPDIR to an existing directory");
    }

    /// <summary>The first of <paramref name="temp"/>, /tmp and /dev/shm that exists and is at most
    /// <paramref name="maxParentLength"/> bytes of UTF-8; null when none is.</summary>
    internal static string? Choose(string temp, int maxParentLength, Func<string, bool> exists)
    {
        foreach (var candidate in new[] { temp, "/tmp", "/dev/shm" })
        {
            if (System.Text.Encoding.UTF8.GetByteCount(candidate) <= maxParentLength && exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>What CreateTempSubdirectory does, under another parent: a new directory (mkdir fails on anything
    /// already there, a link or another user's directory included), so the name is ours alone.</summary>
    private static string CreateUnder(string parent)
    {
        for (int attempt = 0; ; attempt++)
        {
            string candidate = System.IO.Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{System.IO.Path.GetRandomFileName()[..6]}");
            int errno = FileStatuses.MakeDirectory(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (errno == 0) return candidate;
            if (errno != Errno.Exists || attempt >= 10) throw new IOException($"cannot create a private directory in {parent}: {new System.ComponentModel.Win32Exception(errno).Message}");
        }
    }

    /// <summary>A fresh socket path inside the directory. Short on purpose: a Unix socket path is limited to 107 bytes
    /// (103 on macOS). On Windows a fresh pipe name.</summary>
    public string NewSocketPath() => OperatingSystem.IsWindows()
        ? DiagnosticPipeNames.Port(Path, Interlocked.Increment(ref _next))
        : System.IO.Path.Combine(Path, $"w{Interlocked.Increment(ref _next)}.sock");

    /// <summary>Removes a port's socket file; nothing on Windows, where a pipe goes with its last handle (and a pipe
    /// name read as a path would name a file in the current directory).</summary>
    public static void DeleteSocket(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A dead Monitor's own default diagnostic socket and debugger pipes: its private directory is the proof the
    /// pid was a Monitor's, and a socket or pipe named for a pid that no longer lives is stale.</summary>
    private static void RemoveRuntimeFilesOf(int deadPid)
    {
        foreach (var file in RuntimeIpcFiles.Of(deadPid))
        {
            if (FileStatuses.Of(file) is { Kind: FileKind.Socket or FileKind.Fifo } s && s.Uid == FileStatuses.EffectiveUid())
            {
                DeleteSocket(file);
            }
        }
    }

    public void Dispose()
    {
        if (OperatingSystem.IsWindows()) return; // no directory was made
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a socket still being closed: the temp dir's own cleaning takes it later.
        }
    }
}
