using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class RusageInfoTests
{
    [Fact]
    public void The_documented_struct_is_as_long_as_the_sampler_asks_for()
    {
        // uuid + 35 u64
        Assert.Equal(16 + 35 * 8, ProcInfoBuffers.RusageV4(0).Length);
        Assert.Equal(RusageInfo.Size, ProcInfoBuffers.RusageV4(0).Length);
    }

    [Fact]
    public void The_peak_footprint_is_read_from_its_own_field()
    {
        Assert.Equal(734_003_200L, RusageInfo.PeakFootprint(ProcInfoBuffers.RusageV4(734_003_200)));
    }

    [Fact]
    public void A_buffer_that_ends_before_the_field_is_no_reading()
    {
        Assert.Null(RusageInfo.PeakFootprint(ProcInfoBuffers.RusageV4(5).AsSpan(0, 247)));
        Assert.Null(RusageInfo.PeakFootprint([]));
    }
}
