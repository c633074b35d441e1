using Monitor.Workloads.Linux;
using System.Text;
using Monitor.Recording.Analysis;
using Monitor.Workloads;

namespace Monitor.Recording.Bundles;

/// <summary>
/// How Monitor opens a file nobody vouches for (a bundle copied from a server, a path on the command line): only a
/// regular file is read (a FIFO would block the reader forever, /dev/zero never ends), a file inside a bundle is never
/// reached through a symbolic link, and what is read into memory at once is capped, so any input costs bounded memory.
/// Every refusal is an <see cref="UnusableInputException"/> with one line for the user.
/// </summary>
public static class InputFile
{
    /// <summary>The largest manifest read: the manifests Monitor writes are kilobytes (a UI session of 1,000 runs is
    /// about 2 MB); a larger one is not Monitor's, and parsing it would cost memory in proportion.</summary>
    public const long MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>The longest line read from a .jsonl file: a snapshot of 256 worker threads is about 100 KB.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>Opens <paramref name="path"/> for reading if it is a regular file. Inside a bundle
    /// (<paramref name="followLink"/> false) a symbolic link is refused too; a path the user gave may be one.</summary>
    public static FileStream OpenRegular(string path, bool followLink, int bufferSize = 64 * 1024)
    {
        if (!OperatingSystem.IsLinux()) return OpenPortable(path, followLink, bufferSize);
        var (handle, errno) = PosixFiles.OpenRead(path, followLink);
        if (handle is null)
        {
            throw errno switch
            {
                Errno.NoEntry => new UnusableInputException($"{path} does not exist"),
                Errno.TooManyLinks when !followLink => new UnusableInputException($"{path} is a symbolic link: files inside a bundle are only read as themselves, never followed"),
                _ => new UnusableInputException($"{path}: cannot read it: {PosixFiles.Message(errno)}"),
            };
        }
        try
        {
            var status = PosixFiles.StatusOf(handle);
            if (status is not { Kind: FileKind.Regular })
            {
                string what = status is { } s ? PosixFiles.Describe(s.Kind) : "not a regular file";
                throw new UnusableInputException($"{path} is {what}: only regular files are read");
            }
            return new FileStream(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Elsewhere: the same checks by path (a FIFO cannot be told apart; these systems are not the target).</summary>
    private static FileStream OpenPortable(string path, bool followLink, int bufferSize)
    {
        var info = new FileInfo(path);
        if (!followLink && info.LinkTarget is not null) throw new UnusableInputException($"{path} is a symbolic link: files inside a bundle are only read as themselves, never followed");
        if (Directory.Exists(path)) throw new UnusableInputException($"{path} is a directory: only regular files are read");
        if (!info.Exists) throw new UnusableInputException($"{path} does not exist");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnusableInputException($"{path}: cannot read it: {e.Message}", e);
        }
    }

    /// <summary>The whole of a small file inside a bundle (a manifest): refused, without reading it, when it is larger
    /// than <paramref name="limit"/>.</summary>
    public static byte[] ReadSmall(string path, long limit, string what)
    {
        using var file = OpenRegular(path, followLink: false);
        try
        {
            if (file.Length > limit) throw TooLarge(path, what, limit);
            // Read at most one byte past the limit: a file growing meanwhile is refused the same way.
            var buffer = new byte[(int)Math.Min(file.Length, limit) + 1];
            int read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > limit) throw TooLarge(path, what, limit);
            return buffer[..read];
        }
        catch (IOException e)
        {
            throw new UnusableInputException($"{path}: cannot read it: {e.Message}", e);
        }
    }

    private static UnusableInputException TooLarge(string path, string what, long limit) =>
        new($"{path} is larger than {limit / (1024 * 1024)} MiB: not {what} Monitor wrote (the limit keeps what is read bounded)");

    /// <summary>The lines of a .jsonl file in a bundle, streamed: one line in memory at a time, none longer than
    /// <see cref="MaxLineBytes"/> (a longer one, such as a file of zeros with no newline, ends the reading with an
    /// <see cref="UnusableInputException"/>). Empty lines are skipped.</summary>
    public static IEnumerable<string> ReadLines(string path, CancellationToken cancel = default)
    {
        using var file = OpenRegular(path, followLink: false);
        var line = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long number = 1;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = file.Read(buffer);
            }
            catch (IOException e)
            {
                throw new UnusableInputException($"{path}: cannot read it: {e.Message}", e);
            }
            if (read == 0) break;
            int start = 0;
            while (start < read)
            {
                int newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                int end = newline < 0 ? read : newline;
                if (line.Length + (end - start) > MaxLineBytes)
                {
                    throw new UnusableInputException($"{path}: line {number:N0} is longer than {MaxLineBytes / (1024 * 1024)} MiB: not a file Monitor wrote (the limit keeps what is read bounded)");
                }
                line.Write(buffer, start, end - start);
                if (newline < 0) break;
                if (Text(line) is { } text) yield return text;
                line.SetLength(0);
                number++;
                start = newline + 1;
            }
        }
        if (Text(line) is { } last) yield return last;
    }

    private static string? Text(MemoryStream line)
    {
        if (line.Length == 0) return null;
        string text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
