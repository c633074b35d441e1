using Monitor.Diagnostics.Sources.OsThreads.MacOS;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

public sealed class MacTaskInfoTests
{
    private static readonly MachTimebase AppleSilicon = new(125, 3);
    private static readonly MachTimebase Intel = new(1, 1);

    [Fact]
    public void The_documented_struct_is_as_long_as_the_parser_reads()
    {
        // 6 u64 + 12 i32
        Assert.Equal(6 * 8 + 12 * 4, ProcInfoBuffers.TaskInfo(0, 0, 0, 0, 0).Length);
        Assert.Equal(MacTaskInfo.Size, ProcInfoBuffers.TaskInfo(0, 0, 0, 0, 0).Length);
    }

    [Fact]
    public void Apple_silicon_totals_are_mach_units_of_125_3_nanoseconds()
    {
        // 1,500,000,000 units x 125/3 ns = 62,500,000,000 ns = 62.5 s; 24,000,000 units = 1,000,000,000 ns = 1 s.
        var buffer = ProcInfoBuffers.TaskInfo(virtualSize: 400_000_000_000, residentSize: 52_428_800, totalUser: 1_500_000_000,
            totalSystem: 24_000_000, threadCount: 23);

        var task = MacTaskInfo.Parse(buffer, AppleSilicon);

        Assert.NotNull(task);
        Assert.Equal(62_500.0, task.Value.UserMs, 6);
        Assert.Equal(1_000.0, task.Value.SystemMs, 6);
        Assert.Equal(52_428_800, task.Value.ResidentBytes);
        Assert.Equal(23, task.Value.ThreadCount);
    }

    [Fact]
    public void Intel_totals_are_nanoseconds()
    {
        var buffer = ProcInfoBuffers.TaskInfo(0, 4096, totalUser: 1_500_000_000, totalSystem: 24_000_000, threadCount: 1);

        var task = MacTaskInfo.Parse(buffer, Intel);

        Assert.Equal(1_500.0, task!.Value.UserMs, 9);
        Assert.Equal(24.0, task.Value.SystemMs, 9);
        Assert.Equal(4096, task.Value.ResidentBytes);
    }

    [Fact]
    public void A_timebase_without_a_denominator_gives_zero_rather_than_infinity()
    {
        Assert.Equal(0, new MachTimebase(125, 0).ToMilliseconds(1_000));
    }

    [Fact]
    public void The_timer_frequency_gives_the_same_ratios()
    {
        // hw.tbfrequency: 24 MHz on Apple silicon (1e9 / 24e6 = 125/3), 1 GHz on Intel.
        Assert.Equal(AppleSilicon, MachTimebase.FromTimerFrequency(24_000_000));
        Assert.Equal(Intel, MachTimebase.FromTimerFrequency(1_000_000_000));
        Assert.Equal(62_500.0, MachTimebase.FromTimerFrequency(24_000_000)!.Value.ToMilliseconds(1_500_000_000), 6);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(4_294_967_296UL)]
    public void A_frequency_that_is_no_ratio_gives_none(ulong hertz)
    {
        Assert.Null(MachTimebase.FromTimerFrequency(hertz));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(95)]
    public void A_short_buffer_is_no_reading(int length)
    {
        var buffer = ProcInfoBuffers.TaskInfo(1, 2, 3, 4, 5);

        Assert.Null(MacTaskInfo.Parse(buffer.AsSpan(0, length), Intel));
    }
}
