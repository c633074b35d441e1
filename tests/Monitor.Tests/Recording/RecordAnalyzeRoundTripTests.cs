using System.Text.Json;

namespace Monitor.Tests.Recording;

/// <summary>What analyze reads from a recording equals what the live run reported: the same bytes went through the same
/// translator, so any difference is a bug (a lost event, an early snapshot, a reset).</summary>
public sealed class RecordAnalyzeRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("gil")]
    [InlineData("threads")]
    [InlineData("processes")]
    public async Task Analyze_counts_what_the_live_run_counted(string mode)
    {
        string bundle = _dir.Combine("b-" + mode);
        var recorded = await RecordedRun.RecordAsync(bundle, "--mode", mode, "--workers", "2", "--n", "1e9", "--interval", "200");
        var live = recorded.Result;

        var (analyze, maybeReport) = await RecordedRun.AnalyzeAsync(bundle);
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        Assert.Empty(analyze.StderrLines);
        var report = maybeReport!.Value;

        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.Equal(live.GetProperty("contentionCount").GetInt64(), report.GetProperty("contentionCount").GetInt64());
        Assert.Equal(live.GetProperty("contentionWaitMs").GetDouble(), report.GetProperty("contentionWaitMs").GetDouble(), 2);
        Assert.Equal(live.GetProperty("gcCount").GetInt32(), report.GetProperty("gcCount").GetInt32());
        foreach (var field in new[] { "mode", "sum", "expected" })
        {
            Assert.Equal(live.GetProperty(field).GetString(), report.GetProperty(field).GetString());
        }
        Assert.Equal(live.GetProperty("n").GetInt64(), report.GetProperty("n").GetInt64());
        Assert.Equal(live.GetProperty("workers").GetInt32(), report.GetProperty("workers").GetInt32());
        Assert.True(report.GetProperty("correct").GetBoolean());

        var liveWorkers = Workers(live);
        var analyzed = Workers(report);
        Assert.Equal(liveWorkers, analyzed);
        if (mode == "gil") Assert.True(live.GetProperty("contentionCount").GetInt64() > 0, "two threads sharing one lock must contend");
        if (mode == "processes") Assert.Equal(2, report.GetProperty("processes").EnumerateArray().Count(p => p.GetProperty("role").GetString() == "worker"));
    }

    private static (int Pid, int Tid, int Worker, long Iterations)[] Workers(JsonElement e) => e.GetProperty("workerThreads").EnumerateArray()
        .Select(w => (w.GetProperty("pid").GetInt32(), w.GetProperty("tid").GetInt32(), w.GetProperty("worker").GetInt32(), w.GetProperty("iterations").GetInt64()))
        .OrderBy(w => w.Item3).ToArray();
}
