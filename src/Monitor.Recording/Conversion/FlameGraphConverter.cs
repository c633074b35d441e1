using Microsoft.Diagnostics.Symbols;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Stacks;
using Microsoft.Diagnostics.Tracing.Stacks.Formats;
using Monitor.Recording.Analysis;
using Monitor.Recording.Bundles;

namespace Monitor.Recording.Conversion;

/// <summary>
/// Turns the sample profiler's stacks of a .nettrace into a flame-graph file, offline: method names come from the
/// trace's own JIT and rundown events, never from a symbol server. The intermediate .etlx lives in a private temporary
/// directory that is removed afterwards.
/// </summary>
public static class FlameGraphConverter
{
    /// <summary>The .nettrace files of <paramref name="path"/> (a bundle or one file) that hold stack samples. Throws
    /// <see cref="UnusableInputException"/> when there are none, saying how to record them.</summary>
    public static IReadOnlyList<TraceContents> TracesWithSamples(string path)
    {
        IReadOnlyList<(string Path, int Pid)> files = Directory.Exists(path)
            ? TraceBundle.Open(path).Traces.Where(t => File.Exists(t.Path)).Select(t => (t.Path, t.Pid)).ToArray()
            : [(path, 0)];
        if (files.Count == 0) throw new UnusableInputException($"{path} holds no .nettrace file");
        var withSamples = new List<TraceContents>();
        foreach (var (file, pid) in files)
        {
            var contents = NettraceReader.Read(file, pid);
            if (contents.StackSamples > 0) withSamples.Add(contents);
        }
        if (withSamples.Count == 0)
        {
            throw new UnusableInputException($"{path} has no stack samples: record with --stacks (monitor run --record DIR --stacks) to make a flame graph");
        }
        return withSamples;
    }

    /// <summary>Writes <paramref name="nettrace"/>'s samples to <paramref name="output"/> (a new file, 0600).</summary>
    public static void Convert(string nettrace, FlameGraphFormat format, string output)
    {
        string scratch = Path.Combine(Path.GetTempPath(), "monitor-convert-" + Guid.NewGuid().ToString("N"));
        OwnerOnlyFiles.CreateNewDirectory(scratch);
        try
        {
            string etlx = TraceLog.CreateFromEventPipeDataFile(nettrace, Path.Combine(scratch, "trace.etlx"));
            using var log = new TraceLog(etlx);
            using var symbols = new SymbolReader(TextWriter.Null, "") { Options = SymbolReaderOptions.CacheOnly };
            var stacks = new MutableTraceEventStackSource(log) { OnlyManagedCodeStacks = true };
            new SampleProfilerThreadTimeComputer(log, symbols).GenerateThreadTimeStacks(stacks);
            // The writers create the file themselves: write into the private directory, then move it into place
            // without replacing anything already there.
            string written = Path.Combine(scratch, Path.GetFileNameWithoutExtension(nettrace) + ".json");
            if (format == FlameGraphFormat.Speedscope) SpeedScopeStackSourceWriter.WriteStackViewAsJson(stacks, written);
            else ChromiumStackSourceWriter.WriteStackViewAsJson(stacks, written, compress: false);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(written, OwnerOnlyFiles.FileMode);
            File.Move(written, output, overwrite: false);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
