using Monitor.Model;

namespace Monitor.Tui.State;

/// <summary>How the hot-methods panel shows the latest snapshot's hot methods: by self or total time, the row under
/// its cursor (kept on the same method while the order changes) and the method whose callers are unfolded.</summary>
public sealed class HotMethodsView
{
    public bool ByTotal { get; set; }

    public (int Pid, string Method)? Cursor { get; set; }

    public (int Pid, string Method)? Unfolded { get; set; }

    /// <summary>The methods in the order shown: hottest first by self (or total) time, ties by name.</summary>
    public IReadOnlyList<HotMethod> Ordered(Snapshot? snapshot)
    {
        var methods = snapshot?.HotMethods ?? [];
        return ByTotal
            ? [.. methods.OrderByDescending(m => m.TotalPercent).ThenByDescending(m => m.SelfPercent).ThenBy(m => m.Method, StringComparer.Ordinal)]
            : [.. methods.Where(m => m.SelfPercent > 0).OrderByDescending(m => m.SelfPercent).ThenBy(m => m.Method, StringComparer.Ordinal)];
    }
}
