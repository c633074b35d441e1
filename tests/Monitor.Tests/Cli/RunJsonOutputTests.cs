using System.Text.Json;

namespace Monitor.Tests.Cli;

/// <summary>`monitor run --json` prints NDJSON whose last line is the documented result object, and exits 0 for a
/// correct run.</summary>
public class RunJsonOutputTests
{
    [Theory]
    [InlineData("threads", 2, 1)]
    [InlineData("processes", 2, 2)]
    public async Task Last_line_is_the_result_object_with_the_documented_fields(string mode, int workers, int processCount)
    {
        var run = await MonitorProgram.RunAsync("run", "--json", "--n", "1e8", "--mode", mode, "--workers", workers.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Empty(run.LeftoverWorkers);
        var lines = run.StdoutLines;
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("type").ValueKind);
        }

        using var result = JsonDocument.Parse(lines[^1]);
        var r = result.RootElement;
        Assert.Equal("result", r.GetProperty("type").GetString());
        Assert.Equal(mode, r.GetProperty("mode").GetString());
        Assert.Equal("cpu", r.GetProperty("work").GetString());
        Assert.Equal("dotnet", r.GetProperty("runtime").GetString());
        Assert.Equal(workers, r.GetProperty("workers").GetInt32());
        Assert.Equal(100_000_000, r.GetProperty("n").GetInt64());
        Assert.Equal("4999999950000000", r.GetProperty("sum").GetString());
        Assert.Equal("4999999950000000", r.GetProperty("expected").GetString());
        Assert.True(r.GetProperty("correct").GetBoolean());
        Assert.True(r.GetProperty("elapsedMs").GetDouble() >= 0);
        Assert.Equal(processCount, r.GetProperty("processCount").GetInt32());
        Assert.False(r.TryGetProperty("failure", out _));

        var threads = r.GetProperty("workerThreads").EnumerateArray().ToArray();
        Assert.Equal(workers, threads.Length);
        Assert.Equal(Enumerable.Range(0, workers), threads.Select(t => t.GetProperty("worker").GetInt32()).Order());
        Assert.Equal(processCount, threads.Select(t => t.GetProperty("pid").GetInt32()).Distinct().Count());
        Assert.Equal(workers, threads.Select(t => t.GetProperty("tid").GetInt32()).Distinct().Count());
        Assert.All(threads, t => Assert.True(t.GetProperty("tid").GetInt32() > 0));
        Assert.Equal(100_000_000, threads.Sum(t => t.GetProperty("iterations").GetInt64()));
    }
}
