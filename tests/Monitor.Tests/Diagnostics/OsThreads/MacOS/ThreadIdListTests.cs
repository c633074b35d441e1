using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class ThreadIdListTests
{
    [Fact]
    public void Ids_are_read_in_order_as_64_bit_values()
    {
        var buffer = ProcInfoBuffers.UInt64s(0x1_0000_0001, 259, 18_446_744_073_709_551_615);
        var ids = new List<ulong>();

        ThreadIdList.Parse(buffer, buffer.Length, ids);

        Assert.Equal([0x1_0000_0001UL, 259UL, ulong.MaxValue], ids);
    }

    [Fact]
    public void Only_the_filled_bytes_count_and_a_partial_entry_is_left_out()
    {
        var buffer = ProcInfoBuffers.UInt64s(11, 12, 13, 14);
        var ids = new List<ulong>();

        ThreadIdList.Parse(buffer, 20, ids);

        Assert.Equal([11UL, 12UL], ids);
    }

    [Fact]
    public void Unused_room_reads_as_no_thread()
    {
        var buffer = ProcInfoBuffers.UInt64s(11, 0, 13, 0);
        var ids = new List<ulong>();

        ThreadIdList.Parse(buffer, buffer.Length, ids);

        Assert.Equal([11UL, 13UL], ids);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(7)]
    public void Nothing_filled_is_no_ids(int filled)
    {
        var ids = new List<ulong>();

        ThreadIdList.Parse(ProcInfoBuffers.UInt64s(11, 12), filled, ids);

        Assert.Empty(ids);
    }

    [Fact]
    public void A_count_past_the_buffer_reads_only_the_buffer()
    {
        var ids = new List<ulong>();

        ThreadIdList.Parse(ProcInfoBuffers.UInt64s(11, 12), 4096, ids);

        Assert.Equal([11UL, 12UL], ids);
    }
}
