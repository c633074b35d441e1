namespace Monitor.Tui.Text;

/// <summary>Method names as the panels print them.</summary>
public static class MethodText
{
    /// <summary>Type.Method without the namespace: enough on one line.</summary>
    public static string Short(string frame)
    {
        int method = frame.LastIndexOf('.');
        int type = method > 0 ? frame.LastIndexOf('.', method - 1) : -1;
        return type >= 0 ? frame[(type + 1)..] : frame;
    }

    /// <summary>The end of a long name, which says the most (Type.Method).</summary>
    public static string Tail(string name, int cells) =>
        cells <= 1 || name.Length <= cells ? name : "…" + name[^(cells - 1)..];
}
