using System.Text.Json;
using Monitor.Cli.Hosting;

namespace Monitor.Tests.Cli;

/// <summary>--n accepts the ways people write a hundred million: 100000000, 100_000_000 and 1e8.</summary>
public class NumberFormatTests
{
    [Theory]
    [InlineData("100000000")]
    [InlineData("100_000_000")]
    [InlineData("1e8")]
    public void ParseN_reads_plain_grouped_and_scientific_forms(string text)
    {
        Assert.Equal(100_000_000, NumberParser.ParseN(text));
    }

    [Theory]
    [InlineData("100000000")]
    [InlineData("100_000_000")]
    [InlineData("1e8")]
    public async Task Run_accepts_the_form_and_sums_that_many(string text)
    {
        var run = await MonitorProgram.RunAsync("run", "--json", "--mode", "single", "--n", text);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.LeftoverWorkers);
        using var result = JsonDocument.Parse(run.StdoutLines[^1]);
        Assert.Equal(100_000_000, result.RootElement.GetProperty("n").GetInt64());
        Assert.True(result.RootElement.GetProperty("correct").GetBoolean());
    }
}
