using System.Numerics;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>The kernel adds exactly: small N, the 128-bit boundary near the 10^13 limit, and chunks that never
/// overflow their 64-bit accumulator. Every expectation comes from an independent BigInteger formula.</summary>
public class SumKernelTests
{
    private static readonly BigInteger TwoTo64 = BigInteger.One << 64;

    /// <summary>start + (start+1) + ... + (end-1), computed with unbounded integers.</summary>
    private static BigInteger RangeSum(long start, long end) =>
        end <= start ? BigInteger.Zero : ((BigInteger)start + end - 1) * ((BigInteger)end - start) / 2;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(10L)]
    [InlineData(1_000L)]
    [InlineData(SumKernel.DefaultChunk - 1)]
    [InlineData(SumKernel.DefaultChunk)]
    [InlineData(SumKernel.DefaultChunk + 1)]
    [InlineData(3_000_017L)]
    public void Sum_of_zero_to_n_minus_one_is_exact_for_small_n(long n)
    {
        Int128 sum = SumKernel.Sum(new SumRange(0, n));

        Assert.Equal(RangeSum(0, n), (BigInteger)sum);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(100_000_000L)]
    [InlineData(6_074_000_999L)] // the smallest n whose sum n(n-1)/2 exceeds 2^64
    [InlineData(6_074_001_000L)]
    [InlineData(WorkloadLimits.MaxN - 1)]
    [InlineData(WorkloadLimits.MaxN)]
    public void Expected_matches_the_closed_form_beyond_64_bits(long n)
    {
        Assert.Equal(RangeSum(0, n), (BigInteger)SumKernel.Expected(n));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Expected_of_a_non_positive_n_is_zero(long n)
    {
        Assert.Equal(Int128.Zero, SumKernel.Expected(n));
    }

    [Theory]
    [InlineData(WorkloadLimits.MaxN - 3_000_000, WorkloadLimits.MaxN)]
    [InlineData(WorkloadLimits.MaxN - 2 * SumKernel.DefaultChunk - 7, WorkloadLimits.MaxN - 5)]
    [InlineData(WorkloadLimits.MaxN / 2 - 5_000_001, WorkloadLimits.MaxN / 2)]
    public void Sum_of_a_range_near_the_limit_is_exact_past_two_to_the_64(long start, long end)
    {
        BigInteger expected = RangeSum(start, end);
        Assert.True(expected > TwoTo64, "the range must cross the 64-bit boundary to test anything");

        Int128 sum = SumKernel.Sum(new SumRange(start, end));

        Assert.Equal(expected, (BigInteger)sum);
    }

    [Theory]
    [InlineData(long.MaxValue - 10, long.MaxValue)]
    [InlineData((1L << 62) - 1_000, (1L << 62) + 1_000)]
    public void Sum_stays_exact_where_chunks_must_shrink_below_the_default(long start, long end)
    {
        Assert.True(SumKernel.SafeChunk(end) < SumKernel.DefaultChunk, "precondition: this end forces short chunks");

        Assert.Equal(RangeSum(start, end), (BigInteger)SumKernel.Sum(new SumRange(start, end)));
    }

    public static TheoryData<long> Ends => new()
    {
        2, 3, 1_000, SumKernel.DefaultChunk, 1L << 32, WorkloadLimits.MaxN,
        (long)(ulong.MaxValue / (ulong)SumKernel.DefaultChunk) - 1,
        (long)(ulong.MaxValue / (ulong)SumKernel.DefaultChunk),
        (long)(ulong.MaxValue / (ulong)SumKernel.DefaultChunk) + 1,
        WorkloadLimits.MaxN * 100_000, 1L << 62, long.MaxValue - 1, long.MaxValue,
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void SafeChunk_keeps_length_times_end_below_two_to_the_64(long end)
    {
        long chunk = SumKernel.SafeChunk(end);

        Assert.InRange(chunk, 1, SumKernel.DefaultChunk);
        Assert.True((BigInteger)chunk * end < TwoTo64, $"chunk {chunk} x end {end} reaches 2^64");
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public void SumChunk_of_the_longest_safe_chunk_below_end_is_exact(long end)
    {
        long chunk = SumKernel.SafeChunk(end);
        // Only the kernel's largest chunks are worth adding twice: keep the test fast.
        long start = Math.Max(0, end - Math.Min(chunk, 1L << 16));

        Assert.Equal(RangeSum(start, end), (BigInteger)SumKernel.SumChunk(start, end));
    }

    [Theory]
    [InlineData(WorkloadLimits.MaxN)]
    [InlineData(1_000_000_000L)]
    public void SafeChunk_keeps_full_chunks_for_every_supported_n(long end)
    {
        Assert.Equal(SumKernel.DefaultChunk, SumKernel.SafeChunk(end));
    }
}
