using System.Text.Json;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Recording;

/// <summary>A real `monitor run ... --record DIR --json` and what it left: the live result line and the bundle.</summary>
public sealed record RecordedRun(ProgramRun Run, string Bundle, JsonElement Result)
{
    public static async Task<RecordedRun> RecordAsync(string bundle, params string[] runArgs)
    {
        var run = await MonitorProgram.RunAsync(["run", .. runArgs, "--record", bundle, "--json"], TimeSpan.FromSeconds(120));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.LeftoverWorkers);
        using var last = JsonDocument.Parse(run.StdoutLines[^1]);
        Assert.Equal("result", last.RootElement.GetProperty("type").GetString());
        return new RecordedRun(run, bundle, last.RootElement.Clone());
    }

    /// <summary>`monitor analyze PATH --json` through the real program.</summary>
    public static async Task<(ProgramRun Run, JsonElement? Report)> AnalyzeAsync(string path)
    {
        var run = await MonitorProgram.RunAsync(["analyze", path, "--json"], TimeSpan.FromSeconds(60));
        if (run.StdoutLines.Length == 0) return (run, null);
        using var document = JsonDocument.Parse(run.StdoutLines[0]);
        return (run, document.RootElement.Clone());
    }
}
