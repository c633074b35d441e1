using System.Text;
using System.Text.Json;
using Monitor.Cli.Sinks;
using Monitor.Model;
using Monitor.Tests.Tui;

namespace Monitor.Tests.Cli;

/// <summary>The headless sinks say when a process's runtime events stopped: `run --json` in the process object of each
/// snapshot line (and a recording's snapshots read back for replay), the text output once, on a line of its own.</summary>
public class DiagnosticsStatusOutputTests
{
    [Fact]
    public void Json_snapshot_lines_carry_the_status_of_that_process_and_only_there()
    {
        using var buffer = new MemoryStream();
        var sink = new JsonLinesSink(buffer);
        sink.SnapshotTaken(CannedSnapshots.Gil(11));
        sink.SnapshotTaken(CannedSnapshots.GilWithEventsStopped(12));

        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain("diagnosticsStatus", lines[0]);
        using var document = JsonDocument.Parse(lines[1]);
        var process = Assert.Single(document.RootElement.GetProperty("processes").EnumerateArray());
        Assert.Equal(CannedSnapshots.GilPid, process.GetProperty("pid").GetInt32());
        Assert.Equal(CannedSnapshots.EventsStopped, process.GetProperty("diagnosticsStatus").GetString());
    }

    [Fact]
    public void A_recorded_snapshot_reads_back_with_its_status()
    {
        using var buffer = new MemoryStream();
        new JsonLinesSink(buffer).SnapshotTaken(CannedSnapshots.GilWithEventsStopped());

        var read = SnapshotJson.Parse(Encoding.UTF8.GetString(buffer.ToArray()).Trim());

        Assert.Equal(CannedSnapshots.EventsStopped, Assert.Single(read.Processes).DiagnosticsStatus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_output_announces_the_status_once_and_goes_on_with_progress(bool interactive)
    {
        var output = new StringWriter();
        var sink = new ConsoleTextSink(output, interactive);
        sink.SnapshotTaken(CannedSnapshots.Gil(11));
        sink.SnapshotTaken(CannedSnapshots.GilWithEventsStopped(12));
        sink.SnapshotTaken(CannedSnapshots.GilWithEventsStopped(13));

        string text = output.ToString();
        string announcement = $"process {CannedSnapshots.GilPid}: {CannedSnapshots.EventsStopped}";
        Assert.Equal(1, text.Split(announcement).Length - 1);
        // What a terminal shows of each line: a carriage return writes over what came before it on the line.
        var shown = text.Split(Environment.NewLine).Select(l => l[(l.LastIndexOf('\r') + 1)..].TrimEnd());
        Assert.Contains(announcement, shown);
        // The progress line after it is intact (not written over the announcement).
        Assert.Contains("it/s", text[(text.IndexOf(announcement, StringComparison.Ordinal) + announcement.Length)..]);
    }
}
