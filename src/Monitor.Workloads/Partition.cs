namespace Monitor.Workloads;

/// <summary>A half-open range [Start, End) of the integers to add.</summary>
public readonly record struct SumRange(long Start, long End)
{
    public long Length => End - Start;
}

public static class Partition
{
    /// <summary>Splits [start, end) into <paramref name="parts"/> contiguous ranges whose lengths differ by at most
    /// one; with fewer integers than parts the last ranges are empty.</summary>
    public static SumRange[] Split(long start, long end, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        long length = end - start;
        long baseLength = length / parts;
        long remainder = length % parts;
        var ranges = new SumRange[parts];
        long cursor = start;
        for (int i = 0; i < parts; i++)
        {
            long next = cursor + baseLength + (i < remainder ? 1 : 0);
            ranges[i] = new SumRange(cursor, next);
            cursor = next;
        }
        return ranges;
    }
}
