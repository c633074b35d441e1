using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class MacThreadInfoTests
{
    [Fact]
    public void The_documented_struct_is_as_long_as_the_parser_reads()
    {
        // 2 u64 + 8 i32 + char[64]
        Assert.Equal(2 * 8 + 8 * 4 + 64, ProcInfoBuffers.ThreadInfo(0, 0, 1, []).Length);
        Assert.Equal(MacThreadInfo.Size, ProcInfoBuffers.ThreadInfo(0, 0, 1, []).Length);
    }

    [Fact]
    public void Every_field_of_a_thread_maps_onto_its_counters()
    {
        // 1.234567 s user and 0.089 s system, in nanoseconds as xnu fills them.
        var buffer = ProcInfoBuffers.ThreadInfo(1_234_567_000, 89_000_000, runState: 3, ProcInfoBuffers.Name("sum-worker-2"));
        ulong threadId = 4_294_967_296UL + 1234; // above 2^32: the cast keeps the low 32 bits

        var info = MacThreadInfo.Parse(buffer);
        Assert.NotNull(info);
        var counters = MacThreadCounters.Of(threadId, info.Value);

        Assert.Equal(1234, counters.Tid);
        Assert.Equal("sum-worker-2", counters.Name);
        Assert.Equal('S', counters.State);
        Assert.Equal(1234.567, counters.UserMs, 9);
        Assert.Equal(89.0, counters.SystemMs, 9);
        NotCounted.SchedulerFigures(counters);
        Assert.Null(counters.StartedMs);
    }

    [Fact]
    public void A_thread_id_below_two_to_the_32_is_the_tid_itself()
    {
        var info = MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, 1, []))!.Value;

        Assert.Equal(7_654_321, MacThreadCounters.Of(7_654_321, info).Tid);
    }

    [Fact]
    public void A_name_that_fills_all_64_bytes_has_no_nul_and_is_kept_whole()
    {
        string name = new string('n', 63) + "Z";

        var info = MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, 1, ProcInfoBuffers.Name(name)));

        Assert.Equal(64, info!.Value.Name.Length);
        Assert.Equal(name, info.Value.Name);
    }

    [Fact]
    public void A_name_is_utf8_and_ends_at_the_first_nul()
    {
        byte[] name = [.. ProcInfoBuffers.Name("wörker-線程"), 0, .. ProcInfoBuffers.Name("stale")];

        var info = MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, 1, name));

        Assert.Equal("wörker-線程", info!.Value.Name);
    }

    [Fact]
    public void An_empty_name_is_empty()
    {
        Assert.Equal(string.Empty, MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, 1, []))!.Value.Name);
    }

    [Fact]
    public void Invalid_utf8_in_a_name_becomes_a_replacement_character()
    {
        var info = MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, 1, [(byte)'a', 0xFF, (byte)'b']));

        Assert.Equal("a\uFFFDb", info!.Value.Name);
    }

    [Theory]
    [InlineData(1, 'R')] // TH_STATE_RUNNING
    [InlineData(2, 'T')] // TH_STATE_STOPPED
    [InlineData(3, 'S')] // TH_STATE_WAITING
    [InlineData(4, 'D')] // TH_STATE_UNINTERRUPTIBLE
    [InlineData(5, '?')] // TH_STATE_HALTED
    [InlineData(0, '?')]
    [InlineData(6, '?')]
    [InlineData(-1, '?')]
    [InlineData(int.MaxValue, '?')]
    public void Run_states_read_as_ps_letters(int runState, char letter)
    {
        var info = MacThreadInfo.Parse(ProcInfoBuffers.ThreadInfo(0, 0, runState, []));

        Assert.Equal(runState, info!.Value.RunState);
        Assert.Equal(letter, MacThreadCounters.Of(1, info.Value).State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(111)]
    public void A_short_buffer_is_no_reading(int length)
    {
        var buffer = ProcInfoBuffers.ThreadInfo(5, 6, 1, ProcInfoBuffers.Name("x"));

        Assert.Null(MacThreadInfo.Parse(buffer.AsSpan(0, length)));
    }
}
