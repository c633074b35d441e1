namespace Monitor.Recording.Analysis;

/// <summary>Sums that stop at the type's limit: a damaged trace can carry absurd values (a GC number near 2^31, an
/// iteration count near 2^63), and a report must still come out instead of an OverflowException.</summary>
internal static class SaturatingSum
{
    public static long Of(IEnumerable<long> values)
    {
        Int128 total = 0;
        foreach (long v in values) total += v;
        return (long)Int128.Clamp(total, long.MinValue, long.MaxValue);
    }

    public static int Of(IEnumerable<int> values) => (int)Math.Clamp(Of(values.Select(v => (long)v)), int.MinValue, int.MaxValue);
}
