using System.Runtime.CompilerServices;

namespace Monitor.Workloads;

/// <summary>The workload itself: an honest scalar loop, no closed form.</summary>
public static class SumKernel
{
    /// <summary>Iterations per chunk: about a quarter of a millisecond here, short enough for a 5 ms GIL switch
    /// interval and for progress every 100 ms, long enough that the per-chunk bookkeeping costs nothing.</summary>
    public const long DefaultChunk = 1L << 20;

    /// <summary>The exact sum of 0..n-1, n(n-1)/2, for checking results.</summary>
    public static Int128 Expected(long n) => Model.WorkloadSpec.ExpectedSum(n);

    /// <summary>The longest chunk starting anywhere below <paramref name="end"/> whose 64-bit unsigned sum cannot
    /// overflow.</summary>
    public static long SafeChunk(long end, long preferred = DefaultChunk)
    {
        if (end <= 1) return Math.Max(1, preferred);
        long limit = (long)Math.Min((ulong)long.MaxValue, ulong.MaxValue / (ulong)end);
        return Math.Max(1, Math.Min(preferred, limit));
    }

    /// <summary>Adds start..end-1. The caller keeps (end-start)*end below 2^64 (see <see cref="SafeChunk"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static ulong SumChunk(long start, long end)
    {
        ulong total = 0;
        for (long i = start; i < end; i++)
        {
            total += (ulong)i;
        }
        return total;
    }

    /// <summary>Adds a whole range of any length exactly, chunk by chunk, into 128 bits.</summary>
    public static Int128 Sum(SumRange range)
    {
        Int128 total = Int128.Zero;
        long chunk = SafeChunk(range.End);
        for (long a = range.Start; a < range.End;)
        {
            long b = Math.Min(range.End, a + chunk);
            total += SumChunk(a, b);
            a = b;
        }
        return total;
    }
}
