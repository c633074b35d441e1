using Monitor.Workloads.Linux;
using Microsoft.Diagnostics.Symbols;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Stacks;
using Microsoft.Diagnostics.Tracing.Stacks.Formats;
using Monitor.Recording.Analysis;
using Monitor.Recording.Bundles;
using Monitor.Workloads;

namespace Monitor.Recording.Conversion;

/// <summary>
/// Turns the sample profiler's stacks of a .nettrace into a flame-graph file, offline: method names come from the
/// trace's own JIT and rundown events, never from a symbol server. The intermediate .etlx lives in a private temporary
/// directory named after this process (<c>monitor-convert-PID-XXXXXX</c>), removed afterwards, and by the next convert
/// if this one was killed. The output appears whole or not at all: it is written unnamed (or under a temporary name)
/// beside its destination and only then given its name.
/// </summary>
public static class FlameGraphConverter
{
    public const string ScratchPrefix = "monitor-convert-";

    /// <summary>The .nettrace files of <paramref name="path"/> (a bundle or one file) that hold stack samples. Throws
    /// <see cref="UnusableInputException"/> when there are none, saying how to record them.</summary>
    public static IReadOnlyList<TraceContents> TracesWithSamples(string path, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UnusableInputException("no bundle or .nettrace file given: the path is empty");
        bool bundle = Directory.Exists(path);
        IReadOnlyList<(string Path, int Pid)> files = bundle
            ? TraceBundle.Open(path).Traces.Where(t => File.Exists(t.Path) || new FileInfo(t.Path).LinkTarget is not null).Select(t => (t.Path, t.Pid)).ToArray()
            : [(path, 0)];
        if (files.Count == 0) throw new UnusableInputException($"{path} holds no .nettrace file");
        var withSamples = new List<TraceContents>();
        foreach (var (file, pid) in files)
        {
            // A file the user named may be a link; what a bundle holds never is followed.
            var contents = NettraceReader.Read(file, pid, followLink: !bundle, cancel: cancel);
            if (contents.StackSamples > 0) withSamples.Add(contents);
        }
        if (withSamples.Count == 0)
        {
            throw new UnusableInputException($"{path} has no stack samples: record with --stacks (monitor run --record DIR --stacks) to make a flame graph");
        }
        return withSamples;
    }

    /// <summary>Writes <paramref name="nettrace"/>'s samples to <paramref name="output"/> (a new file, 0600; never
    /// over one already there). Throws <see cref="UnusableInputException"/> naming the trace when it cannot be
    /// converted (cut, damaged), <see cref="IOException"/> when the output cannot be written (disk full: nothing is left
    /// behind), <see cref="OperationCanceledException"/> at once on <paramref name="cancel"/>.</summary>
    public static void Convert(string nettrace, FlameGraphFormat format, string output, bool followLink = false, CancellationToken cancel = default)
    {
        string scratch = CreateScratch();
        AbandonableReadStream? input = null;
        try
        {
            input = NettraceReader.OpenChecked(nettrace, followLink);
            // The writers name the profile after the file: the trace's own name, as before.
            string written = Path.Combine(scratch, Path.GetFileNameWithoutExtension(nettrace) + ".json");
            var reading = input;
            Exception? failure = null;
            // Not disposed: an abandoned conversion thread may still set it after this method has returned.
            var done = new ManualResetEventSlim();
            // TraceEvent cannot be interrupted: it runs on a background thread that is abandoned on Ctrl+C (its next
            // read of the trace fails, and the process may exit under it).
            var worker = new Thread(() =>
            {
                try
                {
                    WriteStacks(reading, Path.Combine(scratch, "trace.etlx"), format, written);
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    done.Set();
                }
            })
            {
                IsBackground = true,
                Name = "convert " + Path.GetFileName(nettrace),
            };
            worker.Start();
            try
            {
                done.Wait(cancel);
            }
            catch (OperationCanceledException)
            {
                reading.Abandon();
                throw;
            }
            if (failure is not null) throw Explain(failure, nettrace);
            Publish(written, output, cancel);
        }
        finally
        {
            input?.Dispose();
            RemoveScratch(scratch);
        }
    }

    private static void WriteStacks(AbandonableReadStream trace, string etlxPath, FlameGraphFormat format, string written)
    {
        // From the stream already checked (a regular file, a .nettrace), never by its path again.
        using var source = new EventPipeEventSource(trace);
        string etlx = TraceLog.CreateFromEventTraceLogFile(source, etlxPath, null);
        using var log = new TraceLog(etlx);
        using var symbols = new SymbolReader(TextWriter.Null, "") { Options = SymbolReaderOptions.CacheOnly };
        var stacks = new MutableTraceEventStackSource(log) { OnlyManagedCodeStacks = true };
        new SampleProfilerThreadTimeComputer(log, symbols).GenerateThreadTimeStacks(stacks);
        if (format == FlameGraphFormat.Speedscope) SpeedScopeStackSourceWriter.WriteStackViewAsJson(stacks, written);
        else ChromiumStackSourceWriter.WriteStackViewAsJson(stacks, written, compress: false);
    }

    /// <summary>A full disk is the output's (or the temp dir's) problem; anything else is the trace's, named.</summary>
    private static Exception Explain(Exception failure, string nettrace)
    {
        if (OwnerOnlyFiles.IsNoSpace(failure)) return failure;
        string message = failure.Message.ReplaceLineEndings(" ");
        if (message.Length > 200) message = message[..200] + "...";
        return new UnusableInputException($"{nettrace}: cannot make a flame graph of it: the trace is cut or damaged ({failure.GetType().Name}: {message})", failure);
    }

    /// <summary>Copies the finished file beside <paramref name="output"/> and only then names it <paramref name="output"/>,
    /// so a full disk or a kill leaves no empty or partial output. On Linux the copy has no name at all until then
    /// (O_TMPFILE), so even SIGKILL leaves nothing; elsewhere, or where the file system cannot, a temporary name that is
    /// removed on failure.</summary>
    private static void Publish(string written, string output, CancellationToken cancel)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".";
        if (File.Exists(output) || Directory.Exists(output) || new FileInfo(output).LinkTarget is not null)
        {
            throw new IOException($"{output} already exists");
        }
        if (OperatingSystem.IsLinux())
        {
            var (unnamed, errno) = PosixFiles.CreateUnnamed(directory, OwnerOnlyFiles.FileMode);
            if (unnamed is not null)
            {
                using (unnamed)
                {
                    using (var target = new FileStream(unnamed, FileAccess.Write, 0))
                    {
                        CopyInto(written, target, cancel);
                        int linked = PosixFiles.Link(unnamed, output);
                        if (linked != 0) throw new IOException($"cannot write {output}: {PosixFiles.Message(linked)}");
                    }
                }
                return;
            }
            if (Errno.IsNoSpace(errno)) throw new IOException($"cannot write {output}: {PosixFiles.Message(errno)}", errno);
        }
        string temporary = Path.Combine(directory, $".{Path.GetFileName(output)}.{Environment.ProcessId}.partial");
        try
        {
            using (var target = OwnerOnlyFiles.CreateNew(temporary))
            {
                CopyInto(written, target, cancel);
            }
            File.Move(temporary, output, overwrite: false);
        }
        catch
        {
            OwnerOnlyFiles.TryDelete(temporary);
            throw;
        }
    }

    private static void CopyInto(string source, FileStream target, CancellationToken cancel)
    {
        using (var from = File.OpenRead(source))
        {
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = from.Read(buffer)) > 0)
            {
                cancel.ThrowIfCancellationRequested();
                target.Write(buffer, 0, read);
            }
        }
        target.Flush(flushToDisk: true);
    }

    /// <summary>A new 0700 directory in the temp dir for this conversion, after removing those of conversions whose
    /// process is gone (killed: it could not remove its own).</summary>
    private static string CreateScratch()
    {
        DeadOwnerDirectories.Sweep(Path.GetTempPath(), ScratchPrefix, FileKind.Regular);
        var directory = Directory.CreateTempSubdirectory($"{ScratchPrefix}{Environment.ProcessId}-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, OwnerOnlyFiles.DirectoryMode);
        return directory;
    }

    private static void RemoveScratch(string scratch)
    {
        // A reading thread abandoned on Ctrl+C may still create a file here a moment later: try twice.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
