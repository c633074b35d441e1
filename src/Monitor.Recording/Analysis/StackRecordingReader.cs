using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Monitor.Diagnostics.Sources.Stacks;

namespace Monitor.Recording.Analysis;

/// <summary>
/// The stacks a recorded .nettrace holds (recorded with --stacks: the sample profiler and a rundown that names the
/// methods), read as one long burst through the same <see cref="TraceStacks"/> as the live view. TraceEvent resolves
/// stacks through an ETLX file, written to a scratch directory and removed afterwards.
/// </summary>
public static class StackRecordingReader
{
    /// <summary>The trace's stacks of process <paramref name="pid"/>. Throws what TraceEvent throws on a damaged file
    /// (the caller reports it as a note: the rest of the analysis stands).</summary>
    public static StackBurst Read(string path, int pid, bool followLink, CancellationToken cancel)
    {
        string scratch = Directory.CreateTempSubdirectory("monitor-stacks-").FullName;
        try
        {
            using var file = NettraceReader.OpenChecked(path, followLink);
            using var registration = cancel.Register(file.Abandon);
            string etlx;
            using (var source = new EventPipeEventSource(file))
            {
                etlx = TraceLog.CreateFromEventTraceLogFile(source, Path.Combine(scratch, "trace.etlx"), null);
            }
            cancel.ThrowIfCancellationRequested();
            using var log = new TraceLog(etlx);
            var collector = new StackBurstCollector(pid, 0);
            using var events = log.Events.GetSource();
            TraceStacks.Feed(events, collector, pid);
            events.Process();
            return collector.Finish(0);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Offline each thread's CPU is its running samples: the profiler took one about every millisecond.</summary>
    public static IReadOnlyList<Model.HotMethod> HotMethods(StackBurst burst) =>
        HotMethodRanking.Rank(burst.Pid, burst, burst.Threads.ToDictionary(t => t.Key, t => (double)t.Value.RunningSamples));
}
