using System.Text;
using Microsoft.Win32.SafeHandles;
using Monitor.Cli.Hosting;
using Monitor.Model;

namespace Monitor.Cli.Sinks;

/// <summary>
/// The sink a headless command writes stdout through (JSON lines when asked, else text for people), over a
/// <see cref="QueuedOutput"/> on stdout's own descriptor: .NET's console stream takes a closed pipe (EPIPE) for
/// success, so `monitor run --json | head -1` would compute on for nobody. Disposing waits for the last lines (at most a second once Monitor was told to stop).
/// </summary>
public sealed class OutputSinks : IAsyncDisposable
{
    /// <summary>How long the last lines may take to reach the reader once Monitor was told to stop (a signal);
    /// otherwise they take as long as the reader does.</summary>
    public static readonly TimeSpan DrainAfterStop = TimeSpan.FromSeconds(1);

    private readonly QueuedOutput _output;

    private OutputSinks(bool json, bool progressOnly, bool attach)
    {
        _output = new QueuedOutput(OpenStdout(), AppLifetime.Stopping);
        if (json)
        {
            Sink = new JsonLinesSink(_output, progressOnly);
            // stdout is a contract of JSON lines: what Monitor says besides goes to stderr.
            Notes = Console.Error;
        }
        else
        {
            var text = TextWriter.Synchronized(new StreamWriter(_output, new UTF8Encoding(false)) { AutoFlush = true });
            Sink = attach ? new AttachTextSink(text) : new ConsoleTextSink(text, !Console.IsOutputRedirected, progressOnly);
            Notes = text;
        }
    }

    public IMonitorSink Sink { get; }

    /// <summary>Where what Monitor says besides the sink's lines goes, in order with them.</summary>
    public TextWriter Notes { get; }

    /// <param name="attach">text for a process Monitor watches (`attach`): a table per snapshot instead of a run's
    /// progress line.</param>
    public static OutputSinks ForStdout(bool json, bool progressOnly = false, bool attach = false) => new(json, progressOnly, attach);

    /// <summary>A pipe or a device is written through a stream that reports every error; a regular file through the
    /// console's (which only hides EPIPE, which a file never gives): a FileStream writes a file at offsets of its
    /// own, over what the shell and others append to the same descriptor.</summary>
    private static Stream OpenStdout()
    {
        if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (!stream.CanSeek) return stream;
        stream.Dispose();
        return Console.OpenStandardOutput();
    }

    public async ValueTask DisposeAsync() => await _output.DrainAsync(DrainAfterStop).ConfigureAwait(false);
}
