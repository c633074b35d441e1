using System.Text;
using Monitor.Diagnostics.Sources.OsThreads.Linux;

namespace Monitor.Tests.Diagnostics.OsThreads;

public sealed class ProcTextTests
{
    // A real stat line with a hostile comm: spaces and ") (" inside the parentheses.
    private static readonly byte[] Stat = Encoding.ASCII.GetBytes(
        "4242 (a) (b c) S 4200 4242 4200 0 -1 4194560 7000 0 3 0 1234 56 0 0 20 0 19 0 987654 3000000000 13000 "
        + "18446744073709551615 1 1 0 0 0 0 16384 4096 1256 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n");

    [Fact]
    public void Stat_fields_are_counted_from_the_last_parenthesis()
    {
        Assert.True(ProcText.TryParseStat(Stat, out var fields));

        Assert.Equal('S', fields.State);
        Assert.Equal(4200, fields.ParentPid);
        Assert.Equal(1234, fields.UserTicks);
        Assert.Equal(56, fields.SystemTicks);
        Assert.Equal(987654, fields.StartTicks);
        Assert.Equal("a) (b c", Encoding.ASCII.GetString(Stat.AsSpan()[fields.Name]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (cut")]
    [InlineData("4242 (x) R 1 2 3")]
    public void A_cut_or_odd_stat_line_is_refused(string line)
    {
        Assert.False(ProcText.TryParseStat(Encoding.ASCII.GetBytes(line), out _));
    }

    [Fact]
    public void Status_values_are_found_only_at_a_line_start()
    {
        var status = Encoding.ASCII.GetBytes(
            "Name:\tsum-worker-0\nVmHWM:\t   53120 kB\nVmRSS:\t   51200 kB\n"
            + "nonvoluntary_ctxt_switches:\t812\nvoluntary_ctxt_switches:\t17\n");

        Assert.Equal(17, ProcText.StatusValue(status, "voluntary_ctxt_switches:"u8));
        Assert.Equal(812, ProcText.StatusValue(status, "nonvoluntary_ctxt_switches:"u8));
        Assert.Equal(51200, ProcText.StatusValue(status, "VmRSS:"u8));
        Assert.Equal(53120, ProcText.StatusValue(status, "VmHWM:"u8));
        Assert.Null(ProcText.StatusValue("Name:\tkthreadd\nState:\tS\n"u8, "VmRSS:"u8));
    }

    [Fact]
    public void Schedstat_gives_ns_on_cpu_and_ns_waiting()
    {
        Assert.True(ProcText.TryParseSchedstat("123456789012 3456 789\n"u8, out long onCpu, out long waiting));
        Assert.Equal(123456789012, onCpu);
        Assert.Equal(3456, waiting);
    }

    [Fact]
    public void Children_lists_are_space_separated_with_a_trailing_space()
    {
        var pids = new List<int>();
        ProcText.AddPids("812 913 "u8, pids);
        ProcText.AddPids(""u8, pids);
        Assert.Equal([812, 913], pids);
    }
}
