using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class PidListTests
{
    [Fact]
    public void Pids_are_32_bit_and_unused_room_is_left_out()
    {
        var buffer = ProcInfoBuffers.Int32s(501, 0, 99_998, 0);

        Assert.Equal([501, 99_998], PidList.Parse(buffer, buffer.Length));
    }

    [Fact]
    public void Only_the_filled_bytes_count()
    {
        var buffer = ProcInfoBuffers.Int32s(501, 502, 503);

        Assert.Equal([501], PidList.Parse(buffer, 6));
        Assert.Empty(PidList.Parse(buffer, -1));
        Assert.Equal([501, 502, 503], PidList.Parse(buffer, 1000));
    }
}
