using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>Partition.Split cuts [start, end) into K contiguous ranges that cover it exactly and differ in length by
/// at most one, including with fewer integers than parts.</summary>
public class PartitionTests
{
    public static TheoryData<long, long, int> Cases => new()
    {
        { 0, 0, 1 },
        { 0, 0, 3 },
        { 0, 1, 1 },
        { 0, 1, 4 },
        { 0, 2, 3 },
        { 0, 10, 3 },
        { 0, 11, 3 },
        { 0, 12, 3 },
        { 0, 100_000_001, 2 },
        { 0, 1_000_000_007, 64 },
        { 0, WorkloadLimits.MaxN, 256 },
        { 0, WorkloadLimits.MaxN - 1, 7 },
        { 5, 6, 2 },
        { 1_000, 1_003, 5 },
        { WorkloadLimits.MaxN / 3, WorkloadLimits.MaxN / 3 * 2 + 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_covers_the_range_contiguously_in_order(long start, long end, int parts)
    {
        var ranges = Partition.Split(start, end, parts);

        Assert.Equal(parts, ranges.Length);
        Assert.Equal(start, ranges[0].Start);
        Assert.Equal(end, ranges[^1].End);
        for (int i = 1; i < ranges.Length; i++)
        {
            Assert.Equal(ranges[i - 1].End, ranges[i].Start);
        }
        Assert.All(ranges, r => Assert.True(r.Start <= r.End, $"range {r} is reversed"));
        Assert.Equal(end - start, ranges.Sum(r => r.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_lengths_differ_by_at_most_one(long start, long end, int parts)
    {
        var lengths = Partition.Split(start, end, parts).Select(r => r.Length).ToArray();

        Assert.InRange(lengths.Max() - lengths.Min(), 0, 1);
    }

    [Theory]
    [InlineData(2L, 3)]
    [InlineData(1L, 4)]
    [InlineData(3L, 256)]
    public void Split_with_fewer_integers_than_parts_gives_ones_then_empty_ranges(long n, int parts)
    {
        var ranges = Partition.Split(0, n, parts);

        Assert.All(ranges.Take((int)n), r => Assert.Equal(1, r.Length));
        Assert.All(ranges.Skip((int)n), r => Assert.Equal(0, r.Length));
        Assert.All(ranges.Skip((int)n), r => Assert.Equal(n, r.Start));
    }

    [Fact]
    public void Split_of_an_empty_range_gives_only_empty_ranges()
    {
        Assert.All(Partition.Split(0, 0, 3), r => Assert.Equal(new SumRange(0, 0), r));
    }

    [Fact]
    public void Split_of_one_integer_into_one_part_is_that_integer()
    {
        Assert.Equal([new SumRange(0, 1)], Partition.Split(0, 1, 1));
    }

    [Theory]
    [InlineData(0L, 10L, 0)]
    [InlineData(0L, 10L, -1)]
    [InlineData(10L, 9L, 2)]
    public void Split_rejects_no_parts_and_reversed_ranges(long start, long end, int parts)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Partition.Split(start, end, parts));
    }
}
