using Monitor.Workloads.Linux;
using Microsoft.Win32.SafeHandles;
using Monitor.Workloads;

namespace Monitor.Recording.Bundles;

/// <summary>
/// A bundle's directory while it is written. On Linux it is opened once, right after Monitor created it, and every file
/// is made relative to that handle (<c>openat</c>, <c>renameat</c>), never by path again: renaming the directory or
/// putting a symbolic link where it was mid-recording changes nothing about where the files go, and
/// <see cref="Moved"/> says so when the recording ends. Elsewhere, by path.
/// </summary>
internal sealed class BundleDirectory : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly FileStatus? _identity;

    private BundleDirectory(string path, SafeFileHandle? handle, FileStatus? identity)
    {
        Path = path;
        _handle = handle;
        _identity = identity;
    }

    /// <summary>The directory's absolute path as given at the start.</summary>
    public string Path { get; }

    /// <summary>Creates <paramref name="path"/> (new, 0700, see <see cref="OwnerOnlyFiles.CreateNewDirectory"/>) and
    /// opens it.</summary>
    public static BundleDirectory Create(string path)
    {
        OwnerOnlyFiles.CreateNewDirectory(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux()) return new BundleDirectory(full, null, null);
        var (handle, errno) = PosixFiles.OpenDirectory(full);
        if (handle is null) throw new IOException($"cannot open {full}: {PosixFiles.Message(errno)}", errno);
        var identity = PosixFiles.StatusOf(handle);
        // Between mkdir and open someone could have put another directory in its place: it must be the one made.
        if (identity is null || PosixFiles.StatusOf(full) is not { } atPath || atPath.Device != identity.Value.Device || atPath.Inode != identity.Value.Inode)
        {
            handle.Dispose();
            throw new IOException($"{full} was replaced while it was being created; refusing to record into it");
        }
        return new BundleDirectory(full, handle, identity);
    }

    /// <summary>A new file <paramref name="name"/>, 0600, that must not exist yet (nor be a link).</summary>
    public FileStream CreateNew(string name, int bufferSize = 4096)
    {
        if (_handle is null || !OperatingSystem.IsLinux()) return OwnerOnlyFiles.CreateNew(System.IO.Path.Combine(Path, name), bufferSize);
        var (file, errno) = PosixFiles.CreateNewAt(_handle, name, OwnerOnlyFiles.FileMode);
        if (file is null) throw new IOException($"cannot create {name}: {PosixFiles.Message(errno)}", errno);
        try
        {
            return new FileStream(file, FileAccess.Write, bufferSize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Replaces <paramref name="name"/> with <paramref name="content"/> all at once: readers see the old file or
    /// the new one, never half of it. The temporary file is flushed to disk before the rename.</summary>
    public void WriteAtomically(string name, ReadOnlySpan<byte> content)
    {
        string temporary = name + ".tmp";
        Delete(temporary);
        try
        {
            using (var file = CreateNew(temporary))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }
            if (_handle is null || !OperatingSystem.IsLinux())
            {
                File.Move(System.IO.Path.Combine(Path, temporary), System.IO.Path.Combine(Path, name), overwrite: true);
            }
            else if (PosixFiles.RenameAt(_handle, temporary, name) is not 0 and var errno)
            {
                throw new IOException($"cannot write {name}: {PosixFiles.Message(errno)}", errno);
            }
        }
        catch
        {
            Delete(temporary);
            throw;
        }
    }

    /// <summary>Removes <paramref name="name"/> if it is there; never throws.</summary>
    public void Delete(string name)
    {
        if (_handle is null || !OperatingSystem.IsLinux())
        {
            OwnerOnlyFiles.TryDelete(System.IO.Path.Combine(Path, name));
            return;
        }
        try
        {
            PosixFiles.UnlinkAt(_handle, name);
        }
        catch (ObjectDisposedException)
        {
            // The recording has ended: nothing more is removed through it.
        }
    }

    /// <summary>Removes the directory itself if it is empty and still where it was made (a bundle that could not even
    /// start leaves nothing behind); never throws.</summary>
    public void DeleteIfEmpty()
    {
        if (Moved() is not null) return;
        try
        {
            Directory.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Null while <see cref="Path"/> still names the directory opened at the start; otherwise a sentence
    /// saying it does not (renamed, removed, replaced by a link or another directory).</summary>
    public string? Moved()
    {
        if (_identity is not { } identity || !OperatingSystem.IsLinux()) return null;
        var now = PosixFiles.StatusOf(Path);
        if (now is { Kind: FileKind.Directory } same && same.Device == identity.Device && same.Inode == identity.Inode) return null;
        string what = now is null ? "is gone" : now.Value.Kind == FileKind.SymbolicLink ? "is now a symbolic link" : "is now another file or directory";
        return $"the bundle directory {Path} was moved or replaced while recording ({what}): its files went to the directory created at the start, wherever it is now, and nothing was written through the new {Path}";
    }

    public void Dispose() => _handle?.Dispose();
}
