using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class BsdShortInfoTests
{
    [Fact]
    public void The_documented_struct_is_as_long_as_the_parser_reads()
    {
        // 4 u32 + char[16] + 8 u32
        Assert.Equal(4 * 4 + 16 + 8 * 4, ProcInfoBuffers.BsdShortInfo(1, 1, 1, 1).Length);
        Assert.Equal(BsdShortInfo.Size, ProcInfoBuffers.BsdShortInfo(1, 1, 1, 1).Length);
    }

    [Fact]
    public void The_parent_and_the_effective_user_are_read()
    {
        // A setuid process: effective 0, real 501, so reading the wrong uid shows.
        var info = BsdShortInfo.Parse(ProcInfoBuffers.BsdShortInfo(pid: 4242, parentPid: 4200, uid: 0, realUid: 501));

        Assert.Equal(4200, info!.Value.ParentPid);
        Assert.Equal(0u, info.Value.EffectiveUid);

        var user = BsdShortInfo.Parse(ProcInfoBuffers.BsdShortInfo(pid: 77, parentPid: 1, uid: 501, realUid: 502));
        Assert.Equal(501u, user!.Value.EffectiveUid);
        Assert.Equal(1, user.Value.ParentPid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(63)]
    public void A_short_buffer_is_no_reading(int length)
    {
        Assert.Null(BsdShortInfo.Parse(ProcInfoBuffers.BsdShortInfo(1, 2, 3, 4).AsSpan(0, length)));
    }
}
