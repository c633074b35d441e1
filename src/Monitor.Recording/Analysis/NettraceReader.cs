using System.Text;
using Microsoft.Diagnostics.Tracing;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Recording.Bundles;

namespace Monitor.Recording.Analysis;

/// <summary>
/// Reads a .nettrace file offline with TraceEvent's EventPipeEventSource and the live view's own translator. TraceEvent
/// may throw anything, or spin, on a damaged file: reading runs on a thread of its own, every exception becomes
/// <see cref="TraceContents.Error"/>, and a read that outlives its time limit is abandoned.
/// </summary>
public static class NettraceReader
{
    /// <summary>Every .nettrace starts with these bytes.</summary>
    private static readonly byte[] Magic = "Nettrace"u8.ToArray();

    private const string SampleProfilerProvider = SessionProviders.SampleProfilerProvider;

    /// <summary>A generous limit: about 10 s plus 1 s per MB (reading runs at tens of MB/s).</summary>
    public static TimeSpan DefaultTimeoutFor(long bytes) => TimeSpan.FromSeconds(10 + bytes / 1_000_000.0);

    /// <summary>Reads <paramref name="path"/> as the trace of process <paramref name="pid"/> (0: take it from the
    /// events). Throws <see cref="UnusableInputException"/> when nothing at all can be read from it (or it is no regular
    /// file, or, unless <paramref name="followLink"/>, a symbolic link); a file that breaks off later comes back with
    /// <see cref="TraceContents.Complete"/> false and the events up to the cut. <paramref name="cancel"/> abandons the
    /// reading at once (<see cref="OperationCanceledException"/>).</summary>
    public static TraceContents Read(string path, int pid = 0, TimeSpan? timeout = null, bool followLink = false, CancellationToken cancel = default)
    {
        var contents = new TraceContents(path, pid);
        var file = OpenChecked(path, followLink);
        long length = file.Length;
        contents.Bytes = length;
        Exception? failure = null;
        // Not disposed: an abandoned reading thread may still set it after this method has returned.
        var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            failure = ReadInto(file, contents);
            done.Set();
        })
        {
            IsBackground = true,
            Name = $"read {Path.GetFileName(path)}",
        };
        reader.Start();
        var limit = timeout ?? DefaultTimeoutFor(length);
        bool finished;
        try
        {
            finished = done.Wait(limit, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the reading thread stops at its next read; nobody waits for it.
            file.Abandon();
            throw;
        }
        if (!finished)
        {
            // A thread cannot be stopped from outside: its next read fails instead. A parser looping without reading
            // would go on, on a background thread whose results are never looked at.
            file.Abandon();
            reader.Join(TimeSpan.FromSeconds(1));
            throw new UnusableInputException($"{path}: reading took longer than {limit.TotalSeconds:0} s; the file is probably damaged");
        }
        if (failure is not null)
        {
            contents.Complete = false;
            contents.Error = Describe(failure);
            if (contents.EventCount == 0) throw new UnusableInputException($"{path}: not a readable .nettrace ({contents.Error})", failure);
        }
        return contents;
    }

    /// <summary>The file, opened once (what is checked is what is read), if it is a regular file that starts like a
    /// .nettrace; positioned at its start.</summary>
    internal static AbandonableReadStream OpenChecked(string path, bool followLink)
    {
        if (Directory.Exists(path) && (followLink || new FileInfo(path).LinkTarget is null))
        {
            throw new UnusableInputException($"{path} is a directory, not a .nettrace file");
        }
        var stream = InputFile.OpenRegular(path, followLink);
        try
        {
            if (stream.Length == 0) throw new UnusableInputException($"{path} is empty");
            var head = new byte[Magic.Length];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read < head.Length || !head.AsSpan().SequenceEqual(Magic))
            {
                throw new UnusableInputException($"{path} is not a .nettrace file (it does not start with \"Nettrace\")");
            }
            stream.Position = 0;
            return new AbandonableReadStream(stream);
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw new UnusableInputException($"{path}: cannot read it: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>On the reading thread; returns what stopped it early, or null at a clean end.</summary>
    private static Exception? ReadInto(AbandonableReadStream file, TraceContents contents)
    {
        double lastMs = 0;
        // Every event takes bytes of the file: a parser that hands out more events than the file has bytes is looping
        // over damage, and one that goes on after it was abandoned must stop here too (it may not read again).
        long mostEvents = Math.Max(1, contents.Bytes);
        try
        {
            using var _ = file;
            using var source = new EventPipeEventSource(file);
            RuntimeEventTranslator.Attach(source, contents.Pid, contents);
            // Registers the runtime's event templates so the counts below carry names (GC/Start, not EventID(1)).
            source.Clr.All += _ => { };
            source.AllEvents += e =>
            {
                if (file.IsAbandoned) throw new OperationCanceledException("reading the trace was abandoned");
                if (++contents.EventCount > mostEvents) throw new InvalidDataException($"more events than the file has bytes ({contents.Bytes:N0}): it is damaged");
                if (contents.Pid == 0 && e.ProcessID > 0) contents.Pid = e.ProcessID;
                var key = (e.ProviderName ?? "", e.EventName ?? "");
                contents.EventCounts[key] = contents.EventCounts.GetValueOrDefault(key) + 1;
                if (key.Item1 == SampleProfilerProvider) contents.StackSamples++;
                if (key.Item1 == Workloads.SumEventSource.ProviderName)
                {
                    contents.FirstSumEventMs ??= e.TimeStampRelativeMSec;
                    contents.LastSumEventMs = e.TimeStampRelativeMSec;
                }
                lastMs = Math.Max(lastMs, e.TimeStampRelativeMSec);
            };
            contents.StartTime = source.SessionStartTime;
            source.Process();
            contents.DurationMs = lastMs;
            contents.Complete = true;
            return null;
        }
        catch (Exception e)
        {
            contents.DurationMs = lastMs;
            return e;
        }
    }

    private static string Describe(Exception e)
    {
        var text = new StringBuilder(e.GetType().Name).Append(": ").Append(e.Message.ReplaceLineEndings(" "));
        return text.Length > 300 ? text.ToString(0, 300) + "..." : text.ToString();
    }
}
