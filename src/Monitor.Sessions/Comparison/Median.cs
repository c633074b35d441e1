namespace Monitor.Sessions.Comparison;

/// <summary>The middle value of repeated measurements (the mean of the two middle ones for an even count).</summary>
public static class Median
{
    public static double? Of(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        if (known.Length == 0) return null;
        int middle = known.Length / 2;
        return known.Length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }
}
