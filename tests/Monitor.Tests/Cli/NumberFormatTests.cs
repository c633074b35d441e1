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
    [InlineData("2.5e9", 2_500_000_000)]
    [InlineData("1E8", 100_000_000)]
    [InlineData("1.000e3", 1_000)]
    [InlineData("12_345", 12_345)]
    [InlineData("10000000000000", 10_000_000_000_000)]
    public void ParseN_takes_scientific_forms_only_when_they_are_exact_integers(string text, long expected)
    {
        Assert.Equal(expected, NumberParser.ParseN(text));
    }

    [Theory]
    [InlineData("2.00000000000000001")]
    [InlineData("1.5")]
    [InlineData("1.5e0")]
    [InlineData("3,0")]
    [InlineData("1_")]
    [InlineData("_1")]
    [InlineData("0x10")]
    [InlineData("1e999999999999")]
    [InlineData("1e-3")]
    public void ParseN_refuses_what_is_not_exactly_an_integer(string text)
    {
        Assert.Throws<UsageException>(() => NumberParser.ParseN(text));
    }

    [Fact]
    public void A_count_beyond_64_bits_names_the_range_not_a_clamped_value()
    {
        var e = Assert.Throws<UsageException>(() => NumberParser.ParseCount("1e30", "--lock-block", "1..100"));
        Assert.Equal("--lock-block must be 1..100 (got 1e30)", e.Message);
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
