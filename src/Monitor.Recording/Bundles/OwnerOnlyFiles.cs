namespace Monitor.Recording.Bundles;

/// <summary>
/// Creates a bundle's directory and files readable by their owner only (traces show what a process did), never through
/// a symlink somebody planted where the bundle goes, and never over an existing file.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> as a new directory; throws <see cref="IOException"/> if anything
    /// (a directory, a file, a symlink, even a dangling one) is already there, <see cref="RecordingFailedException"/> when
    /// the disk is full.</summary>
    public static void CreateNewDirectory(string path)
    {
        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null) throw new IOException($"{path} is a symbolic link; refusing to record through it");
        if (existing.Exists || Directory.Exists(path)) throw new IOException($"{path} already exists; choose a new directory for the recording");
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && !Directory.Exists(parent)) throw new DirectoryNotFoundException($"the parent directory {parent} does not exist");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        // mkdir(2) fails with EEXIST on anything already there, a symlink included: the check above only makes the
        // message clear, this call is what makes creation exclusive.
        if (Mkdir(path, (int)DirectoryMode) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            string message = $"cannot create {path}: {new System.ComponentModel.Win32Exception(errno).Message}";
            if (Monitor.Workloads.Errno.IsNoSpace(errno)) throw new RecordingFailedException(message);
            throw new IOException(message, errno);
        }
        // The umask may have removed bits, never added any; set exactly 0700.
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>A new file, 0600, that must not exist yet (a symlink in its place makes this fail).</summary>
    public static FileStream CreateNew(string path, int bufferSize = 4096)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>ENOSPC or EDQUOT: on Unix .NET puts the errno in an IOException's HResult.</summary>
    public static bool IsNoSpace(Exception e) =>
        e is IOException io && (Monitor.Workloads.Errno.IsNoSpace(io.HResult) || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase));

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static extern int Mkdir([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode);
}
