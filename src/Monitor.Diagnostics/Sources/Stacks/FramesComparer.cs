namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>Two stacks are the same stack when their frames are; the sampler hands the same array for the same
/// stack, so that case is one reference comparison.</summary>
internal sealed class FramesComparer : IEqualityComparer<IReadOnlyList<string>>
{
    public static readonly FramesComparer Instance = new();

    public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null || x.Count != y.Count) return false;
        for (int i = 0; i < x.Count; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public int GetHashCode(IReadOnlyList<string> frames)
    {
        var hash = new HashCode();
        hash.Add(frames.Count);
        for (int i = 0; i < Math.Min(frames.Count, 8); i++) hash.Add(frames[i], StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
