using System.Text.Json;
using Monitor.Tests.Cli;
using Monitor.Tests.Runners;

namespace Monitor.Tests.Compare;

/// <summary>`monitor compare --runtime python` runs the seed's experiment with the machine's python3: threading for
/// single and threads (the gil row is the threads row, labelled so), multiprocessing for processes.</summary>
public class PythonMatrixTests
{
    [PythonFact]
    public async Task Python_rows_are_correct_and_the_gil_row_is_the_threads_row()
    {
        var run = await MonitorProgram.RunAsync(["compare", "--runtime", "python", "--n", "2e6", "--workers", "2", "--format", "json"], TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Empty(run.LeftoverWorkers);
        Assert.Empty(PythonWorkers.Of(run.Pid));
        using var doc = JsonDocument.Parse(run.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["single", "threads", "processes", "gil"], rows.Select(r => r.GetProperty("mode").GetString()));
        Assert.Equal(["single", "threads", "processes", "threads"], rows.Select(r => r.GetProperty("measuredAs").GetString()));
        Assert.All(rows, r =>
        {
            Assert.Equal("python", r.GetProperty("runtime").GetString());
            Assert.Equal(2_000_000, r.GetProperty("n").GetInt64());
            Assert.True(r.GetProperty("correct").GetBoolean(), r.ToString());
            Assert.False(r.TryGetProperty("contentionCount", out _)); // EventPipe sees .NET workers only
            Assert.True(r.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        });
        // The interpreter Monitor started and its two multiprocessing children.
        Assert.Equal(3, rows[2].GetProperty("processCount").GetInt32());
        Assert.Equal(rows[1].GetProperty("elapsedMs").GetDouble(), rows[3].GetProperty("elapsedMs").GetDouble());
        Assert.True(doc.RootElement.GetProperty("singleThreadIterationsPerSec").GetProperty("python").GetDouble() > 0);
    }
}
